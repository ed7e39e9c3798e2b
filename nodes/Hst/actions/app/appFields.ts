import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { AppServiceRequest } from '../../../shared/hst/api';
import {
	HST_APP_NAME_PATTERN,
	HST_SERVICE_NAMES,
	HstAppStatus,
	isHstServiceId,
	type HstAppStatusValue,
} from '../../../shared/hst/services';
import { badParameter, readInteger, type Field } from '../../../shared/parameters';

/** Fields that create and update share, and their readers. */

export const appNameHint = 'Chinese or English letters and underscores only';

export const statusField: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: [
		{ name: 'Offline', value: HstAppStatus.OFFLINE },
		{ name: 'Online', value: HstAppStatus.ONLINE },
	],
	default: 'offline',
};

export const consumptionLimitField: INodeProperties = {
	displayName: 'Consumption Limit (Yuan)',
	name: 'consumptionLimit',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description: 'Spending cap of the app in yuan',
};

export const servicesField: INodeProperties = {
	displayName: 'Services',
	name: 'services',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Service',
	default: {},
	options: [
		{
			displayName: 'Service',
			name: 'service',
			values: [
				{
					displayName: 'Service',
					name: 'serviceId',
					type: 'options',
					options: Object.entries(HST_SERVICE_NAMES).map(([id, name]) => ({
						name,
						value: Number(id),
					})),
					default: 3,
				},
				{
					displayName: 'Use Limit',
					name: 'useLimit',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description: 'Usage cap of this service; 0 sends no cap',
				},
			],
		},
	],
};

export function checkAppName(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
	name: string,
): string {
	if (!HST_APP_NAME_PATTERN.test(name)) {
		throw badParameter(context, itemIndex, field, `${appNameHint}; got ${JSON.stringify(name)}`);
	}
	return name;
}

export function checkStatus(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
	value: unknown,
): HstAppStatusValue {
	if (value === HstAppStatus.ONLINE || value === HstAppStatus.OFFLINE) return value;
	throw badParameter(
		context,
		itemIndex,
		field,
		`must be "online" or "offline", got ${JSON.stringify(value)}`,
	);
}

export function readConsumptionLimit(context: IExecuteFunctions, field: Field, itemIndex: number) {
	return readInteger(context, field, itemIndex, { min: 0 });
}

interface ServiceRow {
	serviceId?: unknown;
	useLimit?: unknown;
}

/** The Services collection as the gateway wants it; one service at most once. */
export function readServices(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
): AppServiceRequest[] {
	const collection = context.getNodeParameter(field.name, itemIndex, {}) as {
		service?: ServiceRow[];
	};
	const rows = collection?.service ?? [];
	const seen = new Set<number>();
	return rows.map((row, position) => {
		const serviceId = Number(row.serviceId);
		if (!isHstServiceId(serviceId)) {
			throw badParameter(
				context,
				itemIndex,
				field,
				`row ${position + 1} has an unknown service ${JSON.stringify(row.serviceId)}`,
			);
		}
		if (seen.has(serviceId)) {
			throw badParameter(
				context,
				itemIndex,
				field,
				`${HST_SERVICE_NAMES[serviceId]} is listed twice`,
			);
		}
		seen.add(serviceId);
		const useLimit = Number(row.useLimit ?? 0);
		if (!Number.isInteger(useLimit) || useLimit < 0) {
			throw badParameter(
				context,
				itemIndex,
				field,
				`row ${position + 1}: Use Limit must be a whole number of 0 or more`,
			);
		}
		return useLimit > 0
			? { service_id: serviceId, use_limit: useLimit }
			: { service_id: serviceId };
	});
}
