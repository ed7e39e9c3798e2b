import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { fieldsOf } from '../../../shared/properties';

import { HstAppStatus } from '../../../shared/hst/services';
import { HstPath, type AppResult, type CreateAppRequest } from '../../../shared/hst/api';
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
	{
		displayName: 'App Name',
		name: 'appName',
		type: 'string',
		default: '',
		required: true,
		hint: appNameHint,
	},
	{ ...servicesField, required: true, description: 'The services the app may use; at least one' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			consumptionLimitField,
			{ ...statusField, description: 'Offline when not set, as HST requires a status on create' },
		],
	},
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['app'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body: CreateAppRequest = {
		app_name: checkAppName(
			this,
			fields.appName,
			itemIndex,
			readRequiredText(this, fields.appName, itemIndex),
		),
		status: checkStatus(
			this,
			fields.status,
			itemIndex,
			this.getNodeParameter(fields.status.name, itemIndex, HstAppStatus.OFFLINE),
		),
		service: readServices(this, fields.services, itemIndex),
	};
	if (body.service.length === 0)
		throw badParameter(this, itemIndex, fields.services, 'add at least one service');
	const consumptionLimit = readConsumptionLimit(this, fields.consumptionLimit, itemIndex);
	if (consumptionLimit !== undefined) body.consumption_limit = consumptionLimit;

	return await hstApiRequest<AppResult>(
		this,
		{ method: 'POST', path: HstPath.APP, body },
		itemIndex,
	);
}
