import type { INodeProperties } from 'n8n-workflow';

export const headerSpellingField: INodeProperties = {
	displayName: 'Header Spelling',
	name: 'headerSpelling',
	type: 'options',
	// The room header's literal name cannot appear here (n8n's rules ask for "ID" in texts, the header says "Id"): README lists the names.
	options: [
		{
			name: 'Hyphenated, as the Protocol Document Writes Them',
			value: 'spec',
			description: 'Hyphenated header names, e.g. Client-Type and Client-Version',
		},
		{
			name: 'As RongCloud Clients Send Them',
			value: 'sdk',
			description: 'Header names without hyphens, e.g. ClientType and ClientVersion',
		},
	],
	default: 'sdk',
	description: 'How to write the headers; gateways should accept both',
};
