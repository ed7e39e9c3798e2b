import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { fieldsOf, filtersCollection } from '../../../shared/properties';

import { listFromAnswer, numberFromAnswer } from '../../answer';
import {
	HST_RECORD_MAX_PAGE_SIZE,
	HST_RECORD_STATUS_NAMES,
	HstRecordPath,
	HstRecordStatus,
	hstRecordStatusName,
	toHstTime,
} from '../../../shared/hst/recording';
import { hstApiRequestAllPages } from '../../transport';
import { badParameter, readDate, readRequiredText, readText } from '../../../shared/parameters';
import { optionsOf, readNamedCode, type NamedCode } from '../mediaFields';
import { appIdField, readLimit, returnAllAndLimit } from '../shared';

const STATUS_LABELS: Record<number, string> = {
	[HstRecordStatus.INITIALIZED]: 'Initialized',
	[HstRecordStatus.RECORDING]: 'Recording',
	[HstRecordStatus.PAUSED]: 'Paused',
	[HstRecordStatus.WAITING_TO_ENCODE]: 'Waiting to Encode',
	[HstRecordStatus.ENCODING]: 'Encoding',
	[HstRecordStatus.UPLOADING]: 'Uploading',
	[HstRecordStatus.DONE]: 'Done',
	[HstRecordStatus.FAILED]: 'Failed',
};

const STATUSES: NamedCode[] = Object.entries(STATUS_LABELS).map(([code, name]) => ({
	name,
	value: HST_RECORD_STATUS_NAMES[Number(code) as keyof typeof HST_RECORD_STATUS_NAMES],
	code: Number(code),
}));

const properties: INodeProperties[] = [
	appIdField,
	...returnAllAndLimit,
	filtersCollection([
		{ displayName: 'Group ID', name: 'groupId', type: 'string', default: '' },
		{ displayName: 'Record ID', name: 'recordId', type: 'string', default: '' },
		{
			displayName: 'Start Time',
			name: 'startTime',
			type: 'dateTime',
			default: '',
			description: 'Only tasks that started at or after this time',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: optionsOf(STATUSES),
			default: 'done',
		},
		{
			displayName: 'Stop Time',
			name: 'stopTime',
			type: 'dateTime',
			default: '',
			description: 'Only tasks that stopped at or before this time',
		},
	]),
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['recording'], operation: ['getMany'] } },
	properties,
);

function optionalDate(
	context: IExecuteFunctions,
	field: typeof fields.startTime,
	itemIndex: number,
) {
	const given = context.getNodeParameter(field.name, itemIndex, '');
	return given === '' || given === null ? undefined : readDate(context, field, itemIndex);
}

function readFilters(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const query: IDataObject = {};
	const groupId = readText(context, fields.groupId, itemIndex);
	if (groupId) query.group_id = groupId;
	const recordId = readText(context, fields.recordId, itemIndex);
	if (recordId) query.record_id = recordId;
	const status = readNamedCode(context, fields.status, itemIndex, STATUSES);
	if (status !== undefined) query.status = status;
	const start = optionalDate(context, fields.startTime, itemIndex);
	const stop = optionalDate(context, fields.stopTime, itemIndex);
	if (start !== undefined && stop !== undefined && stop < start)
		throw badParameter(context, itemIndex, fields.stopTime, 'is before Start Time');
	if (start !== undefined) query.start_time = toHstTime(start);
	if (stop !== undefined) query.stop_time = toHstTime(stop);
	return query;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const appId = readRequiredText(this, fields.appId, itemIndex);
	const records = await hstApiRequestAllPages(
		this,
		{
			method: 'GET',
			path: HstRecordPath.TASK_LIST,
			qs: { app_id: appId, ...readFilters(this, itemIndex) },
		},
		(_result, answer) => listFromAnswer<IDataObject>(answer, ['record_list', 'list']),
		readLimit(this, itemIndex),
		itemIndex,
		{
			maxPageSize: HST_RECORD_MAX_PAGE_SIZE,
			readTotal: (answer) => numberFromAnswer(answer, 'total_num'),
		},
	);
	return records.map((record) => ({
		app_id: appId,
		...record,
		status_name: hstRecordStatusName(record.status),
	}));
}
