import { performance } from 'node:perf_hooks';

import WebSocket from 'ws';

import { EGW_BUSINESS, EGW_OK, EgwRequest, type EgwRequestFrame } from '../../nodes/shared/hst/egw';
import type { DeliveryTally } from './deliveryTally';

const FIRST_EVENT_ID = 20100;

/**
 * The baseline: a bare `ws` client doing the least the EGW protocol asks (log in, subscribe, read frames,
 * JSON.parse) and counting each event into the tally. No sync, no heartbeat, no versions, no items.
 */
export class BareEgwClient {
	private readonly replies = new Map<number, (frame: Record<string, unknown>) => void>();

	private constructor(private readonly socket: WebSocket) {}

	static async connect(
		url: string,
		login: { developerId: string; token: string },
		appId: string,
		tally: DeliveryTally,
	): Promise<BareEgwClient> {
		const socket = new WebSocket(url);
		await new Promise<void>((resolve, reject) => {
			socket.once('open', () => resolve());
			socket.once('error', reject);
		});
		const client = new BareEgwClient(socket);
		socket.on('message', (data: Buffer) => {
			const frame = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
			const id = Number(frame.id);
			if (id >= FIRST_EVENT_ID) tally.arrived(appId, Number(frame.version), performance.now());
			else client.replies.get(id)?.(frame);
		});
		await client.request({
			business: EGW_BUSINESS,
			id: EgwRequest.LOGIN,
			dev_id: login.developerId,
			token: login.token,
		});
		await client.request({
			business: EGW_BUSINESS,
			id: EgwRequest.SUBSCRIBE,
			app_list: [{ app_id: appId }],
		});
		return client;
	}

	async close(): Promise<void> {
		if (this.socket.readyState === WebSocket.CLOSED) return;
		const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
		this.socket.close(1000);
		await closed;
	}

	private async request(frame: EgwRequestFrame): Promise<void> {
		const reply = new Promise<Record<string, unknown>>((resolve) =>
			this.replies.set(frame.id + 1, resolve),
		);
		this.socket.send(JSON.stringify(frame));
		const answer = await reply;
		if (answer.result !== EGW_OK)
			throw new Error(`EGW refused ${frame.id}: ${String(answer.message)}`);
	}
}
