import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { runOperation } from '../shared/execution/runOperation';
import { properties, resources } from './actions';

export class Hst implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HST PaaS',
		name: 'hst',
		icon: { light: 'file:hst.svg', dark: 'file:hst.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage apps, billing records and online users through the HST (好视通) PaaS business gateway',
		defaults: { name: 'HST PaaS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hstApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions) {
		return await runOperation.call(this, resources);
	}
}
