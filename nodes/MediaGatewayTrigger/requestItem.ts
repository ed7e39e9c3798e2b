import type { IDataObject } from 'n8n-workflow';

import type { JwtClaims } from '../shared/mediaGateway/jwt';
import { MEDIA_GATEWAY_HEADERS } from '../shared/mediaGateway/protocol';
import type { HeaderBag } from '../shared/mediaGateway/headers';
import type { GatewayCall } from '../shared/mediaGateway/validation';
import type { GatewayAuthenticationMethod } from './security';

interface RawRequest {
	method: string;
	path: string;
	query: IDataObject;
	headers: HeaderBag;
	body: unknown;
	/** The caller's address as n8n determined it (N8N_PROXY_HOPS), when known. */
	ip?: string;
}

interface CallerFacts {
	authentication: GatewayAuthenticationMethod;
	/** The verified claims of a Signed Client Token. */
	claims?: JwtClaims;
	/** The header that carried a shared secret: never passed on. */
	secretHeader?: string;
	passToken: boolean;
}

const TOKEN_HEADERS = new Set<string>(MEDIA_GATEWAY_HEADERS.token);
const REDACTED = '[redacted]';

/** The item a valid request starts the workflow with: what a workflow needs, in one shape. */
export function requestItem(call: GatewayCall, raw: RawRequest, caller: CallerFacts): IDataObject {
	const hidden = (name: string) =>
		name.toLowerCase() === caller.secretHeader ||
		(TOKEN_HEADERS.has(name.toLowerCase()) && !caller.passToken);
	const headers = Object.fromEntries(
		Object.entries(raw.headers).map(([name, value]) => [name, hidden(name) ? REDACTED : value]),
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
		authentication: caller.authentication,
		body: call.body as unknown as IDataObject,
		request: {
			method: raw.method,
			path: raw.path,
			query: raw.query,
			headers: headers as IDataObject,
			body: (raw.body ?? null) as IDataObject,
			ip: raw.ip ?? null,
		},
		receivedAt: new Date().toISOString(),
	};
	if (caller.claims) item.claims = caller.claims as IDataObject;
	if (caller.passToken) item.token = call.token;
	return item;
}
