import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { answerFields } from '../../answer';
import { HstLivePath } from '../../../shared/hst/recording';
import { hstApiRequestAnswer } from '../../transport';
import { readRequiredText } from '../../../shared/parameters';
import { appIdField, appIdParameter, groupIdField, groupIdParameter } from '../mediaFields';

const properties: INodeProperties[] = [
	appIdField,
	{ ...groupIdField, description: 'The group (room) whose live stream ends' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['liveStream'], operation: ['stop'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body = {
		app_id: readRequiredText(this, appIdParameter, itemIndex),
		group_id: readRequiredText(this, groupIdParameter, itemIndex),
	};
	const answer = await hstApiRequestAnswer(
		this,
		{ method: 'POST', path: HstLivePath.STOP, body },
		itemIndex,
	);
	return { ...answerFields(answer), ...body, stopped: true };
}
