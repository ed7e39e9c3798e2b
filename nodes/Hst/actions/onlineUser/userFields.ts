import type { INodeProperties } from 'n8n-workflow';

export const messageIdOption: INodeProperties = {
	displayName: 'Message ID',
	name: 'msgId',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description: 'An ID of your choice that HST echoes back; a random one is used when 0 or not set',
};
