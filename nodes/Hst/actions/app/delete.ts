import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { appIdField } from '../shared';

import { fieldsOf } from '../../../shared/properties';

import { HstPath } from '../../../shared/hst/api';
import { hstApiRequest } from '../../transport';
import { readRequiredText } from '../../../shared/parameters';

const properties: INodeProperties[] = [
	{ ...appIdField, description: 'The app to delete, for good' },
];

const fields = fieldsOf(properties);

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
