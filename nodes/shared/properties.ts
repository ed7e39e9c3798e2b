import type { INodeProperties } from 'n8n-workflow';

/** n8n's usual "Options" collection: optional fields the user adds one by one. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
