import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { appIdField } from '../shared';

import { fieldsOf } from '../../../shared/properties';

import { HstPath, type AppResult, type UpdateAppRequest } from '../../../shared/hst/api';
import { hstApiRequest } from '../../transport';
import { badParameter, readRequiredText } from '../../../shared/parameters';
import {
	appNameHint,
	checkAppName,
	checkStatus,
	consumptionLimitField,
	readConsumptionLimit,
	readServices,
	servicesField,
	statusField,
} from './appFields';

const properties: INodeProperties[] = [
	appIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'App Name', name: 'appName', type: 'string', default: '', hint: appNameHint },
			consumptionLimitField,
			{ ...servicesField, description: 'Replaces the services of the app' },
			statusField,
		],
	},
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['app'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const chosen = this.getNodeParameter(fields.updateFields.name, itemIndex, {}) as Record<
		string,
		unknown
	>;
	const body: UpdateAppRequest = { app_id: readRequiredText(this, fields.appId, itemIndex) };
	if ('appName' in chosen) {
		body.app_name = checkAppName(
			this,
			fields.appName,
			itemIndex,
			readRequiredText(this, fields.appName, itemIndex),
		);
	}
	if ('status' in chosen) body.status = checkStatus(this, fields.status, itemIndex, chosen.status);
	if ('consumptionLimit' in chosen) {
		body.consumption_limit = readConsumptionLimit(this, fields.consumptionLimit, itemIndex);
	}
	if ('services' in chosen) body.service = readServices(this, fields.services, itemIndex);
	if (Object.keys(body).length === 1) {
		throw badParameter(
			this,
			itemIndex,
			fields.updateFields,
			'is empty; add at least one field to change',
		);
	}
	return await hstApiRequest<AppResult>(
		this,
		{ method: 'PATCH', path: HstPath.APP, body },
		itemIndex,
	);
}
