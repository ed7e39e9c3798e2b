import { randomUUID } from 'node:crypto';
import { request } from 'undici';

import { MediaGatewayEndpoint, gatewayHeaders } from '../../nodes/shared/mediaGateway/protocol';
import { sandboxClientToken } from '../../sandbox/mediaGateway/clientToken';
import { SANDBOX_MEDIA_GATEWAY } from '../../sandbox/mediaGateway/seed';
import type { Workflow } from '../e2e/harness/n8nApi';

/** Workflows and requests the Media Gateway Trigger's tests in n8n share. */

export const TRIGGER_NAME = 'Media Gateway Trigger';

/** The trigger alone (version 1.2 unless given): with lastNode, the answer is the item it emits. */
export function triggerWorkflow(
	path: string,
	parameters: Record<string, unknown>,
	credentials: Record<string, { id: string; name: string }> = {},
	typeVersion = 1.2,
): Workflow {
	return {
		name: `media gateway trigger ${path}`,
		nodes: [
			{
				name: TRIGGER_NAME,
				type: 'n8n-nodes-rtc-paas.mediaGatewayTrigger',
				typeVersion,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {
					path,
					endpoints: [MediaGatewayEndpoint.WECHAT_EXIT, MediaGatewayEndpoint.WECHAT_EXCHANGE],
					respond: 'lastNode',
					...parameters,
				},
				credentials,
			},
		],
		connections: {},
	};
}

export interface Reply {
	status: number;
	body: Record<string, unknown>;
	text: string;
}

export const SUBJECT = { appKey: SANDBOX_MEDIA_GATEWAY.appKey, roomId: 'room-1', userId: 'alice' };

/** wechat/exit headers of the sandbox's client for SUBJECT, with its app server's token, and any changes. */
export function exitHeaders(
	changes: Record<string, string | undefined> = {},
): Record<string, string> {
	const headers: Record<string, string | undefined> = {
		...gatewayHeaders('sdk', {
			...SUBJECT,
			token: sandboxClientToken(SUBJECT),
			clientType: SANDBOX_MEDIA_GATEWAY.clientType,
			clientVersion: SANDBOX_MEDIA_GATEWAY.clientVersion,
		}),
		'content-type': 'application/json',
		...changes,
	};
	return Object.fromEntries(
		Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
	);
}

export async function postExit(base: string, headers: Record<string, string>): Promise<Reply> {
	const response = await request(`${base}/${MediaGatewayEndpoint.WECHAT_EXIT}`, {
		method: 'POST',
		headers,
		body: '{}',
	});
	const text = await response.body.text();
	let body: Record<string, unknown> = {};
	try {
		body = JSON.parse(text) as Record<string, unknown>;
	} catch {
		// n8n's own answers need not be JSON
	}
	return { status: response.statusCode, body, text };
}

/** Right after a publish n8n may answer 404 for a moment. */
export async function untilServed(base: string): Promise<void> {
	for (let attempt = 0; attempt < 100; attempt++) {
		const probe = await request(`${base}/${MediaGatewayEndpoint.WECHAT_EXIT}`, {
			method: 'POST',
			body: '{}',
		});
		await probe.body.dump();
		if (probe.statusCode !== 404) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`${base} never served`);
}
