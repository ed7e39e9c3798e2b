import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { fieldsOf } from '../../../shared/properties';

import { listFromAnswer } from '../../answer';
import { HstLivePath } from '../../../shared/hst/recording';
import { hstApiRequestAnswer } from '../../transport';
import { readRequiredText } from '../../../shared/parameters';

import { appIdField, readLimit, returnAllAndLimit } from '../shared';

const properties: INodeProperties[] = [appIdField, ...returnAllAndLimit];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['liveStream'], operation: ['getMany'] } },
	properties,
);

/** `start_time` is in Unix seconds (HST's live documents and demo). */
function startedAt(value: unknown): string | undefined {
	const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	return typeof seconds === 'number' && Number.isFinite(seconds)
		? new Date(seconds * 1000).toISOString()
		: undefined;
}

/**
 * The list is not paged by HST, so Limit applies to what one answer holds. The documents put it in
 * `list`; HST's live demo reads `result.live_info_list`: both are accepted.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const appId = readRequiredText(this, fields.appId, itemIndex);
	const limit = readLimit(this, itemIndex);
	const answer = await hstApiRequestAnswer(
		this,
		{ method: 'GET', path: HstLivePath.LIST, qs: { app_id: appId } },
		itemIndex,
	);
	const streams = listFromAnswer<IDataObject>(answer, ['list', 'live_info_list']);
	return streams.slice(0, limit ?? streams.length).map((stream) => {
		const started = startedAt(stream.start_time);
		return { app_id: appId, ...stream, ...(started ? { started_at: started } : {}) };
	});
}
