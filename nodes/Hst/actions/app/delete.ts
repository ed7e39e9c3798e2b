import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { HstPath } from '../../../shared/hst/api';
import { hstApiRequest } from '../../transport';
import { readRequiredText } from '../../../shared/parameters';
import { appIdField } from './appFields';

const fields = { appId: { name: 'appId', label: 'App ID' } };

const properties: INodeProperties[] = [
	{ ...appIdField, description: 'The app to delete, for good' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['app'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const appId = readRequiredText(this, fields.appId, itemIndex);
	await hstApiRequest(
		this,
		{ method: 'DELETE', path: HstPath.APP, qs: { app_id: appId } },
		itemIndex,
	);
	return { app_id: appId, deleted: true };
}
