import type { INodeProperties } from 'n8n-workflow';

import { GatewayAuthentication } from './security';

const authenticationOptions = [
	{
		name: 'None',
		value: GatewayAuthentication.NONE,
		description: 'Anyone who can reach the URL can start the workflow',
	},
	{
		name: 'Shared Secret',
		value: GatewayAuthentication.SHARED_SECRET,
		description:
			'A header with a secret, for a Stream-Server or gateway of yours in front of n8n (never for mini-program clients, which cannot keep a secret)',
	},
	{
		name: 'Signed Client Token',
		value: GatewayAuthentication.CLIENT_TOKEN,
		description:
			'The Token header is a JWT your own server issued to the client (HS256, RS256 or ES256)',
	},
];

const showFor = (authentication: string) => ({ show: { authentication: [authentication] } });

/**
 * Version 1.2 adds nothing a workflow must change, only a default: new nodes ask for a signed client token,
 * while workflows built with 1 or 1.1 keep no authentication until the user chooses one.
 */
export const authenticationProperties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: authenticationOptions,
		default: 'none',
		displayOptions: { show: { '@version': [1, 1.1] } },
		description: 'Which callers may start the workflow',
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: authenticationOptions,
		default: 'clientToken',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.2 } }] } },
		description: 'Which callers may start the workflow',
	},
	{
		displayName:
			'Anyone who can reach this URL can start the workflow. Choose an authentication, or limit callers with Options → IP Allowlist.',
		name: 'noAuthenticationNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor(GatewayAuthentication.NONE),
	},
	{
		displayName: 'Claims That Must Match the Request',
		name: 'claimsMustMatch',
		type: 'multiOptions',
		options: [
			{
				name: 'App-Key',
				value: 'appKey',
				description: 'The App-Key claim must equal the App-Key header',
			},
			{
				name: 'Room ID',
				value: 'roomId',
				description: 'The room claim must equal the RoomId header',
			},
			{
				name: 'User ID',
				value: 'userId',
				description:
					'The user claim must equal the UserId header (requests without it are refused)',
			},
		],
		default: ['roomId', 'userId'],
		displayOptions: showFor(GatewayAuthentication.CLIENT_TOKEN),
		description:
			'A token your server issued for one room and user then opens no other. Claim names are under Options.',
	},
];

/** Entries of the Options collection. */
export const appKeyClaimOption: INodeProperties = {
	displayName: 'App-Key Claim',
	name: 'appKeyClaim',
	type: 'string',
	default: 'appKey',
	displayOptions: { show: { '/authentication': [GatewayAuthentication.CLIENT_TOKEN] } },
	description: 'The token claim holding the App-Key',
};

export const ipAllowlistOption: INodeProperties = {
	displayName: 'IP Allowlist',
	name: 'ipAllowlist',
	type: 'string',
	default: '',
	placeholder: '203.0.113.7, 10.0.0.0/8, 2001:db8::/32',
	description:
		"Only these addresses and CIDR ranges (IPv4 or IPv6, comma-separated) may call; others get HTTP 403 (resultCode 40302). Behind a reverse proxy, set n8n's N8N_PROXY_HOPS so the client's address is used, not the proxy's.",
};

export const roomIdClaimOption: INodeProperties = {
	displayName: 'Room ID Claim',
	name: 'roomIdClaim',
	type: 'string',
	default: 'roomId',
	displayOptions: { show: { '/authentication': [GatewayAuthentication.CLIENT_TOKEN] } },
	description: 'The token claim holding the room ID',
};

export const userIdClaimOption: INodeProperties = {
	displayName: 'User ID Claim',
	name: 'userIdClaim',
	type: 'string',
	default: 'sub',
	displayOptions: { show: { '/authentication': [GatewayAuthentication.CLIENT_TOKEN] } },
	description: 'The token claim holding the user ID (sub, the JWT subject, by default)',
};
