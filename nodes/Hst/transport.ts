import {
	NodeApiError,
	type IDataObject,
	type IHttpRequestMethods,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

import { withAccessToken, sendThroughN8n, type HstTokenContext } from '../shared/hst/accessToken';
import type { HstAnswer, HstEnvelope } from '../shared/hst/api';
import { HST_MAX_PAGE_SIZE } from '../shared/hst/services';
import { HstStatus, describeHstStatus } from '../shared/hst/statusCodes';

/** One business-gateway call, as an operation describes it. */
export interface HstCall {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
}

/**
 * Sends one call with the shared access token and returns its `result`. A non-zero `code` becomes a NodeApiError
 * naming the code, its meaning (docs/vendors/hst.md#status-codes) and HST's own message.
 */
export async function hstApiRequest<T = unknown>(
	context: HstTokenContext,
	call: HstCall,
	itemIndex = 0,
): Promise<T> {
	return (await hstApiRequestAnswer<T>(context, call, itemIndex)).result as T;
}

/**
 * As hstApiRequest, but the whole answer: the recording and live APIs put their fields next to `code`
 * rather than under `result` (docs/vendors/hst.md#recording-and-live-answers).
 */
export async function hstApiRequestAnswer<T = unknown>(
	context: HstTokenContext,
	call: HstCall,
	itemIndex = 0,
): Promise<HstAnswer<T>> {
	const send = sendThroughN8n<HstEnvelope<T>>(context, (credentials) => ({
		method: call.method,
		url: credentials.gatewayUrl + call.path,
		qs: call.qs,
		body: call.body,
		json: true,
		headers: call.body === undefined ? {} : { 'Content-Type': 'application/json;charset=UTF-8' },
	}));
	const envelope = await withAccessToken(
		context,
		send,
		(answer) => answer?.code === HstStatus.ACCESS_TOKEN_EXPIRED,
		itemIndex,
	);
	if (!isEnvelope(envelope)) {
		throw new NodeApiError(
			context.getNode(),
			{ answer: String(envelope).slice(0, 200) } as JsonObject,
			{
				message: `HST answered ${call.method} ${call.path} with something that is not a status envelope`,
				itemIndex,
			},
		);
	}
	if (envelope.code !== HstStatus.OK)
		throw hstApiError(context.getNode(), envelope, call, itemIndex);
	return envelope as HstAnswer<T>;
}

interface PagingOptions {
	/** The most records the endpoint gives per page; 100 (the billing API's limit) when not set. */
	maxPageSize?: number;
	/** The total the answer announces, when it does: paging stops once that many are collected. */
	readTotal?: (answer: HstAnswer) => number | undefined;
}

/**
 * Fetches pages of at most `maxPageSize` until `limit` records are collected or a short page (or the
 * announced total) shows the end. The page size stays constant so `page` keeps addressing the same
 * offsets. `readRecords` gets the answer's `result` and the whole answer.
 */
export async function hstApiRequestAllPages<T>(
	context: HstTokenContext,
	call: HstCall,
	readRecords: (result: unknown, answer: HstAnswer) => T[],
	limit: number | undefined,
	itemIndex = 0,
	{ maxPageSize = HST_MAX_PAGE_SIZE, readTotal }: PagingOptions = {},
): Promise<T[]> {
	const pageSize = Math.min(limit ?? maxPageSize, maxPageSize);
	const collected: T[] = [];
	for (let page = 1; ; page++) {
		const answer = await hstApiRequestAnswer(
			context,
			{ ...call, qs: { ...call.qs, page, page_size: pageSize } },
			itemIndex,
		);
		const records = readRecords(answer.result, answer);
		for (const record of records) collected.push(record);
		if (limit !== undefined && collected.length >= limit) return collected.slice(0, limit);
		if (records.length < pageSize) return collected;
		const total = readTotal?.(answer);
		if (total !== undefined && collected.length >= total) return collected;
	}
}

/**
 * The records of a list answer (docs/vendors/hst.md#business-gateway-requests-and-answers). HST documents the record
 * fields but not the envelope around them: accept `result` as the array itself or as an object holding it under
 * `key` or a usual list name.
 */
export function listFromResult<T>(result: unknown, key?: string): T[] {
	if (Array.isArray(result)) return result as T[];
	if (result && typeof result === 'object') {
		const holder = result as Record<string, unknown>;
		for (const name of [key, 'list', 'records', 'rows', 'data'].filter(Boolean) as string[]) {
			if (Array.isArray(holder[name])) return holder[name] as T[];
		}
	}
	return [];
}

function hstApiError(
	node: INode,
	envelope: HstEnvelope,
	call: HstCall,
	itemIndex: number,
): NodeApiError {
	const vendorMessage = envelope.msg ? `HST says "${envelope.msg}"` : 'HST gave no message';
	return new NodeApiError(node, { code: envelope.code, msg: envelope.msg ?? '' } as JsonObject, {
		message: `HST ${envelope.code}: ${describeHstStatus(envelope.code)}`,
		description: `${vendorMessage} (${call.method} ${call.path})`,
		itemIndex,
	});
}

function isEnvelope(answer: unknown): answer is HstEnvelope {
	return (
		typeof answer === 'object' &&
		answer !== null &&
		typeof (answer as HstEnvelope).code === 'number'
	);
}
