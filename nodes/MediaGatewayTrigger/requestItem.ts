import type { IDataObject } from 'n8n-workflow';

import { MEDIA_GATEWAY_HEADERS } from '../shared/mediaGateway/protocol';
import type { GatewayCall, HeaderBag } from '../shared/mediaGateway/validation';

export interface RawRequest {
	method: string;
	path: string;
	query: IDataObject;
	headers: HeaderBag;
	body: unknown;
}

const TOKEN_HEADERS = new Set<string>(MEDIA_GATEWAY_HEADERS.token);

/** The item a valid request starts the workflow with: what a workflow needs, in one shape. */
export function requestItem(call: GatewayCall, raw: RawRequest, passToken: boolean): IDataObject {
	const headers = Object.fromEntries(
		Object.entries(raw.headers).map(([name, value]) => [
			name,
			TOKEN_HEADERS.has(name.toLowerCase()) && !passToken ? '[redacted]' : value,
		]),
	);
	const item: IDataObject = {
		endpoint: call.endpoint,
		appKey: call.appKey,
		roomId: call.roomId,
		userId: call.userId ?? null,
		roomType: call.roomType ?? null,
		clientType: call.clientType,
		clientVersion: call.clientVersion,
		hasToken: call.token !== '',
		body: call.body as unknown as IDataObject,
		request: {
			method: raw.method,
			path: raw.path,
			query: raw.query,
			headers: headers as IDataObject,
			body: (raw.body ?? null) as IDataObject,
		},
		receivedAt: new Date().toISOString(),
	};
	if (passToken) item.token = call.token;
	return item;
}
