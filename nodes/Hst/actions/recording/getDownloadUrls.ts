import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { appIdField } from '../shared';

import { fieldsOf } from '../../../shared/properties';

import type { HstAnswer } from '../../../shared/hst/api';
import { listFromAnswer, numberFromAnswer } from '../../answer';
import { HstRecordPath } from '../../../shared/hst/recording';
import { hstApiRequestAnswer } from '../../transport';
import { readRequiredText } from '../../../shared/parameters';
import { recordIdField } from '../mediaFields';

const properties: INodeProperties[] = [appIdField, recordIdField];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['recording'], operation: ['getDownloadUrls'] } },
	properties,
);

/** A guard against a server that ignores `page`: HST documents no page size for this list. */
const MAX_PAGES = 100;

/**
 * The page after this answer, or undefined when it holds the last file. HST documents `total_num` as
 * the number of files and `page` without saying where pages start; the answer's own `page` is followed,
 * so 0-based and 1-based servers both work (docs/vendors/hst.md#cloud-recording).
 */
export function nextFilePage(
	answer: HstAnswer,
	received: number,
	collected: number,
): number | undefined {
	const total = numberFromAnswer(answer, 'total_num');
	if (received === 0 || total === undefined || collected >= total) return undefined;
	return (numberFromAnswer(answer, 'page') ?? 1) + 1;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const query = {
		app_id: readRequiredText(this, fields.appId, itemIndex),
		record_id: readRequiredText(this, fields.recordId, itemIndex),
	};
	const files: IDataObject[] = [];
	let page: number | undefined;
	for (let round = 0; round < MAX_PAGES; round++) {
		const answer = await hstApiRequestAnswer(
			this,
			{
				method: 'GET',
				path: HstRecordPath.DOWNLOAD_URLS,
				qs: page === undefined ? query : { ...query, page },
			},
			itemIndex,
		);
		const received = listFromAnswer<IDataObject>(answer, ['data_list', 'list']);
		files.push(...received);
		page = nextFilePage(answer, received.length, files.length);
		if (page === undefined) break;
	}
	return files.map((file, index) => ({ ...query, file_index: index + 1, ...file }));
}
