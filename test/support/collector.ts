import { createServer, type Server } from 'node:http';

export interface Delivery<T> {
	receivedAt: number;
	body: T;
}

/**
 * A plain HTTP endpoint a workflow's last node posts to: it records what arrived and when, so a benchmark
 * sees what the workflow processed without reading n8n's execution records back.
 */
export class Collector<T = unknown> {
	deliveries: Array<Delivery<T>> = [];
	/** Posts whose connection broke before their body arrived (a client that gave up). */
	aborted = 0;
	private constructor(
		private readonly server: Server,
		readonly url: string,
	) {}

	static async start<T>(): Promise<Collector<T>> {
		let collector: Collector<T> | undefined;
		const server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			// Without a listener, a client hanging up mid-body would crash the whole process.
			request.on('error', () => {
				if (collector) collector.aborted += 1;
			});
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const receivedAt = Date.now();
				try {
					collector?.deliveries.push({
						receivedAt,
						body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T,
					});
					response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
				} catch {
					response.writeHead(400).end();
				}
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };
		collector = new Collector<T>(server, `http://127.0.0.1:${port}/`);
		return collector;
	}

	reset(): void {
		this.deliveries = [];
		this.aborted = 0;
	}

	/** Resolves once nothing new arrived for `quietMs`, or at `deadline` (epoch ms). */
	async settle(
		quietMs: number,
		deadline: number,
		done: () => boolean = () => false,
	): Promise<void> {
		let seen = -1;
		let quietSince = Date.now();
		while (Date.now() < deadline && !done()) {
			if (this.deliveries.length !== seen) {
				seen = this.deliveries.length;
				quietSince = Date.now();
			} else if (Date.now() - quietSince >= quietMs) return;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	close(): Promise<void> {
		return new Promise((resolve) => this.server.close(() => resolve()));
	}
}
