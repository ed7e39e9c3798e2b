import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { appIdField } from '../shared';

import { fieldsOf } from '../../../shared/properties';
import { answerFields } from '../../answer';
import { hstApiRequestAnswer } from '../../transport';
import { readRequiredText } from '../../../shared/parameters';
import { recordIdField } from '../mediaFields';

/**
 * Pause, Resume and Stop: `{app_id, record_id}` to one path. The output is HST's answer (Stop's
 * carries `media_duration`, `record_duration` and `flow`) with the IDs and a flag naming what was done.
 */
export function taskCommand(operation: string, path: string, doneFlag: string) {
	const properties: INodeProperties[] = [appIdField, recordIdField];
	const fields = fieldsOf(properties);
	return {
		description: updateDisplayOptions(
			{ show: { resource: ['recording'], operation: [operation] } },
			properties,
		),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const body = {
				app_id: readRequiredText(this, fields.appId, itemIndex),
				record_id: readRequiredText(this, fields.recordId, itemIndex),
			};
			const answer = await hstApiRequestAnswer(this, { method: 'POST', path, body }, itemIndex);
			return { ...answerFields(answer), ...body, [doneFlag]: true };
		},
	};
}
