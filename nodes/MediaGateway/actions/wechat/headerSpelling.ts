import type { INodeProperties } from 'n8n-workflow';

export const headerSpellingField: INodeProperties = {
	displayName: 'Header Spelling',
	name: 'headerSpelling',
	type: 'options',
	options: [
		// Header names are protocol literals: their casing is what is sent.
		// eslint-disable-next-line n8n-nodes-base/node-param-display-name-miscased-id
		{ name: 'As in the Spec (Room-Id, Client-Type)', value: 'spec' },
		{ name: 'As RongCloud Clients Send (RoomId, ClientType)', value: 'sdk' },
	],
	default: 'sdk',
	description: 'How to write the headers; gateways should accept both',
};
