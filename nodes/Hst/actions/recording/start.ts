import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { appIdField } from '../shared';

import { fieldsOf } from '../../../shared/properties';

import { answerFields, requiredAnswerText } from '../../answer';
import { HstRecordPath } from '../../../shared/hst/recording';
import { hstApiRequestAnswer, type HstCall } from '../../transport';
import { badParameter, readRequiredText } from '../../../shared/parameters';
import { groupIdField, sequenceOrNew } from '../mediaFields';
import {
	automaticLayoutProperty,
	readAutomaticLayout,
	readTaskOptions,
	taskOptionsProperty,
} from './startOptions';

const properties: INodeProperties[] = [
	appIdField,
	{ ...groupIdField, description: 'The group (room) to record' },
	{
		displayName: 'Layout Mode',
		name: 'layoutMode',
		type: 'options',
		options: [
			{
				name: 'Automatic',
				value: 'automatic',
				description: 'HST lays out the media of the group and records by itself',
			},
			{
				name: 'Manual',
				value: 'manual',
				description: 'Recording starts with the first Set Layout, which chooses the media',
			},
		],
		default: 'automatic',
	},
	automaticLayoutProperty,
	taskOptionsProperty,
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['recording'], operation: ['start'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const layoutMode = this.getNodeParameter(fields.layoutMode.name, itemIndex, 'automatic');
	if (layoutMode !== 'automatic' && layoutMode !== 'manual') {
		throw badParameter(this, itemIndex, fields.layoutMode, 'must be "automatic" or "manual"');
	}
	const body: IDataObject = {
		app_id: readRequiredText(this, fields.appId, itemIndex),
		group_id: readRequiredText(this, fields.groupId, itemIndex),
		seq: sequenceOrNew(this, fields.seq, itemIndex),
		...readTaskOptions(this, itemIndex),
	};
	if (layoutMode === 'automatic') body.auto = readAutomaticLayout(this, itemIndex);
	const call: HstCall = { method: 'POST', path: HstRecordPath.INIT, body };
	const answer = await hstApiRequestAnswer(this, call, itemIndex);
	const answered = answerFields(answer);
	return {
		...answered,
		app_id: body.app_id,
		group_id: body.group_id,
		record_id: requiredAnswerText(this.getNode(), answer, 'record_id', call, itemIndex),
		seq: answered.seq ?? body.seq,
		layout_mode: layoutMode,
	};
}
