import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { runOperation } from '../shared/execution/runOperation';
import { properties, resources } from './actions';

export class MediaGateway implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Media Gateway',
		name: 'mediaGateway',
		icon: { light: 'file:mediaGateway.svg', dark: 'file:mediaGateway.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Call a Stream-Server or media gateway (RTMP and WeChat mini-program exchange) and build client answers',
		defaults: { name: 'Media Gateway' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'mediaGatewayApi',
				required: true,
				displayOptions: { show: { resource: ['rtmp', 'wechat', 'server'] } },
			},
		],
		properties,
	};

	async execute(this: IExecuteFunctions) {
		return await runOperation.call(this, resources);
	}
}
