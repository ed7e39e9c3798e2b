import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { appIdField } from '../shared';

import { fieldsOf } from '../../../shared/properties';

import { answerFields } from '../../answer';
import {
	HST_RECORD_DELETE_MODE_NAMES,
	HstRecordDeleteMode,
	HstRecordPath,
	type HstRecordDeleteModeId,
} from '../../../shared/hst/recording';
import { hstApiRequestAnswer } from '../../transport';
import { badParameter, readIdList, readRequiredText } from '../../../shared/parameters';
import { optionsOf, readNamedCode, type NamedCode } from '../mediaFields';

const MODES: NamedCode[] = [
	{
		name: 'Files and Record',
		value: HST_RECORD_DELETE_MODE_NAMES[HstRecordDeleteMode.FILES_AND_RECORD],
		code: HstRecordDeleteMode.FILES_AND_RECORD,
		description: 'The recorded files and the task in the task list',
	},
	{
		name: 'Files Only',
		value: HST_RECORD_DELETE_MODE_NAMES[HstRecordDeleteMode.FILES_ONLY],
		code: HstRecordDeleteMode.FILES_ONLY,
		description: 'The recorded files; the task stays listed',
	},
	{
		name: 'Record Only',
		value: HST_RECORD_DELETE_MODE_NAMES[HstRecordDeleteMode.RECORD_ONLY],
		code: HstRecordDeleteMode.RECORD_ONLY,
		description: 'The task in the task list; the files stay where they are',
	},
];

const properties: INodeProperties[] = [
	appIdField,
	{
		displayName: 'Record IDs',
		name: 'recordIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '20260115093000_room-101',
		description: 'The recordings to delete, separated by commas; an expression may give an array',
	},
	{
		displayName: 'Delete',
		name: 'mode',
		type: 'options',
		options: optionsOf(MODES),
		default: 'filesAndRecord',
	},
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['recording'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const mode = readNamedCode(this, fields.mode, itemIndex, MODES);
	if (mode === undefined) throw badParameter(this, itemIndex, fields.mode, 'choose what to delete');
	const body = {
		mode,
		app_id: readRequiredText(this, fields.appId, itemIndex),
		record_list: readIdList(this, fields.recordIds, itemIndex),
	};
	const answer = await hstApiRequestAnswer(
		this,
		{ method: 'POST', path: HstRecordPath.DELETE, body },
		itemIndex,
	);
	return {
		...answerFields(answer),
		app_id: body.app_id,
		record_ids: body.record_list,
		mode: HST_RECORD_DELETE_MODE_NAMES[mode as HstRecordDeleteModeId],
		deleted: true,
	};
}
