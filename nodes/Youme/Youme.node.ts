import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { runOperation } from '../shared/execution/runOperation';
import { properties, resources } from './actions';

export class Youme implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Youme RTC',
		name: 'youme',
		icon: { light: 'file:youme.svg', dark: 'file:youme.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Query call records, rooms and daily usage and quality statistics of the Youme (游密) RTC REST API',
		defaults: { name: 'Youme RTC' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'youmeApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions) {
		return await runOperation.call(this, resources);
	}
}
