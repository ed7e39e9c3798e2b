import { request } from 'undici';
import WebSocket from 'ws';

/**
 * CPU profiles of a running n8n, taken through its inspector (n8n started with `--inspect`, see
 * benchN8n.ts) only around the work of interest, so n8n's start-up and the benchmark's other runs stay out.
 */

export interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	children?: number[];
}

/** V8's CPU profile: a call tree and, per sample, the tree node that was running. */
export interface CpuProfile {
	nodes: ProfileNode[];
	/** Microseconds, on the profiled process's monotonic clock. */
	startTime: number;
	endTime: number;
	samples: number[];
	/** Microseconds since the previous sample (the first: since startTime). */
	timeDeltas: number[];
}

export interface TakenProfile<T> {
	result: T;
	profile: CpuProfile;
	/**
	 * Wall clock minus the machine's monotonic clock, in µs. V8 stamps samples with the monotonic clock
	 * (the same for every process of the machine; its profile's startTime is not when profiling started),
	 * n8n stamps node runs with the wall clock: this maps one onto the other.
	 */
	wallClockOffsetUs: number;
}

/** Wall clock minus monotonic clock now, in µs (to the wall clock's millisecond). */
export function wallClockOffsetUs(): number {
	return Date.now() * 1000 - Number(process.hrtime.bigint() / 1000n);
}

class InspectorSession {
	private nextId = 1;
	private readonly pending = new Map<
		number,
		{ resolve(value: unknown): void; reject(error: Error): void }
	>();

	private constructor(private readonly socket: WebSocket) {
		socket.on('message', (data) => {
			const message = JSON.parse(String(data)) as {
				id?: number;
				result?: unknown;
				error?: { message: string };
			};
			const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
			if (!waiting) return;
			this.pending.delete(message.id!);
			if (message.error) waiting.reject(new Error(`inspector: ${message.error.message}`));
			else waiting.resolve(message.result);
		});
	}

	static async open(port: number): Promise<InspectorSession> {
		const list = await request(`http://127.0.0.1:${port}/json/list`);
		const [target] = (await list.body.json()) as Array<{ webSocketDebuggerUrl: string }>;
		if (!target) throw new Error(`no inspector target on port ${port}`);
		const socket = new WebSocket(target.webSocketDebuggerUrl);
		await new Promise<void>((resolve, reject) => {
			socket.once('open', () => resolve());
			socket.once('error', reject);
		});
		return new InspectorSession(socket);
	}

	async send<T = unknown>(method: string, params: object = {}): Promise<T> {
		const id = this.nextId++;
		const answered = new Promise<T>((resolve, reject) =>
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject }),
		);
		this.socket.send(JSON.stringify({ id, method, params }));
		return await answered;
	}

	async close(): Promise<void> {
		const closed = new Promise((resolve) => this.socket.once('close', resolve));
		this.socket.close();
		await closed;
	}
}

/** Profiles n8n's main process while `work` runs; one sample every `intervalUs` microseconds. */
export async function withCpuProfile<T>(
	inspectorPort: number,
	work: () => Promise<T>,
	intervalUs = 200,
): Promise<TakenProfile<T>> {
	const session = await InspectorSession.open(inspectorPort);
	try {
		await session.send('Profiler.enable');
		await session.send('Profiler.setSamplingInterval', { interval: intervalUs });
		await session.send('Profiler.start');
		const outcome = await work().then(
			(result) => ({ result }),
			(error: unknown) => ({ error }),
		);
		const { profile } = await session.send<{ profile: CpuProfile }>('Profiler.stop');
		await session.send('Profiler.disable');
		if ('error' in outcome) throw outcome.error;
		return { result: outcome.result, profile, wallClockOffsetUs: wallClockOffsetUs() };
	} finally {
		await session.close();
	}
}
