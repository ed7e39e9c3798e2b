import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INodeExecutionData } from 'n8n-workflow';

import { isJsonContentType, parseJson, readBody, sendJson } from '../../../sandbox/http/exchange';
import { webhookContext, type WebhookSetup } from './webhookContext';

/**
 * A webhook node served over real HTTP the way n8n's webhook server does the parts our trigger sees:
 * `/webhook/<path>` routes, JSON bodies parsed before the node runs (422 when they are not JSON),
 * Express's req.ip with `trust proxy` set to n8n's N8N_PROXY_HOPS, and the node's own answer or the
 * one it wrote itself. Listens on :: so IPv4 callers arrive as ::ffff:a.b.c.d, as on a dual-stack n8n.
 */
export class WebhookHost {
	/** What each request that started "an execution" handed the workflow. */
	readonly executions: INodeExecutionData[][] = [];
	private server?: Server;

	constructor(
		private readonly setup: WebhookSetup,
		private readonly proxyHops = 0,
	) {}

	get port(): number {
		return (this.server!.address() as AddressInfo).port;
	}

	url(host: '127.0.0.1' | '[::1]' = '127.0.0.1'): string {
		return `http://${host}:${this.port}/webhook`;
	}

	async start(): Promise<this> {
		this.server = createServer((request, response) => {
			this.serve(request, response).catch((error: unknown) => {
				if (!response.headersSent) sendJson(response, 500, { message: String(error) });
				else response.end();
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '::', resolve));
		return this;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
	}

	/**
	 * proxy-addr, which Express uses: the socket's address, then X-Forwarded-For from right to left, as
	 * far as `trust proxy` (a hop count) trusts; the first untrusted one is the client.
	 */
	private clientAddress(request: IncomingMessage): string | undefined {
		const forwarded = String(request.headers['x-forwarded-for'] ?? '')
			.split(',')
			.map((entry) => entry.trim())
			.filter(Boolean)
			.reverse();
		const chain = [request.socket.remoteAddress, ...forwarded];
		return chain[Math.min(this.proxyHops, chain.length - 1)];
	}

	private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://host.local');
		if (!url.pathname.startsWith('/webhook/'))
			return sendJson(response, 404, { message: 'not registered' });
		const raw = await readBody(request);
		let body: unknown = {};
		if (raw.length > 0 && isJsonContentType(request)) {
			const parsed = parseJson(raw);
			if (!parsed.ok) return sendJson(response, 422, { message: 'Failed to parse request body' });
			body = parsed.value;
		}
		const context = webhookContext(
			this.setup,
			{
				path: url.pathname,
				method: request.method ?? 'GET',
				headers: request.headers,
				body,
				query: Object.fromEntries(url.searchParams),
				ip: this.clientAddress(request),
			},
			response,
		);
		const result = await this.setup.node.webhook!.call(context);
		if (result.workflowData) this.executions.push(...result.workflowData);
		if (result.noWebhookResponse) return;
		sendJson(response, 200, result.webhookResponse ?? { message: 'Workflow was started' });
	}
}
