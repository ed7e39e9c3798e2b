import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { appIdField } from '../shared';

import { fieldsOf } from '../../../shared/properties';

import { answerFields } from '../../answer';
import { HstLivePath } from '../../../shared/hst/recording';
import { hstApiRequestAnswer } from '../../transport';
import { readRequiredText } from '../../../shared/parameters';
import { groupIdField } from '../mediaFields';

const properties: INodeProperties[] = [
	appIdField,
	{ ...groupIdField, description: 'The group (room) whose live stream ends' },
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['liveStream'], operation: ['stop'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body = {
		app_id: readRequiredText(this, fields.appId, itemIndex),
		group_id: readRequiredText(this, fields.groupId, itemIndex),
	};
	const answer = await hstApiRequestAnswer(
		this,
		{ method: 'POST', path: HstLivePath.STOP, body },
		itemIndex,
	);
	return { ...answerFields(answer), ...body, stopped: true };
}
