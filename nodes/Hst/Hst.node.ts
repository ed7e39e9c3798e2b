import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { runOperation } from '../shared/execution/runOperation';
import { hstAppCredentialTest } from '../shared/hst/appCredentials';
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
			'Manage apps, billing records, online users, cloud recordings and live streams through the HST (好视通) PaaS business gateway, and sign client login tokens',
		defaults: { name: 'HST PaaS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'hstApi',
				required: true,
				displayOptions: { hide: { resource: ['clientToken'] } },
			},
			{
				name: 'hstAppApi',
				required: true,
				// HST has no endpoint that checks an app secret: the node tests it without a request.
				testedBy: 'hstAppCredentialTest',
				displayOptions: { show: { resource: ['clientToken'] } },
			},
		],
		properties,
	};

	methods = { credentialTest: { hstAppCredentialTest } };

	async execute(this: IExecuteFunctions) {
		return await runOperation.call(this, resources);
	}
}
