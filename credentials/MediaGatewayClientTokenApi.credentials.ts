import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_CLOCK_TOLERANCE_SECONDS,
	MAX_CLOCK_TOLERANCE_SECONDS,
	MIN_HS256_SECRET_BYTES,
} from '../nodes/shared/mediaGateway/clientToken';

/**
 * What the Media Gateway Trigger verifies a client's Token header with. Tested by the trigger
 * (testedBy): the key material is checked locally, as nothing here talks to a server.
 */
export class MediaGatewayClientTokenApi implements ICredentialType {
	name = 'mediaGatewayClientTokenApi';

	displayName = 'Media Gateway Client Token API';

	icon: Icon = {
		light: 'file:../nodes/MediaGatewayTrigger/mediaGatewayTrigger.svg',
		dark: 'file:../nodes/MediaGatewayTrigger/mediaGatewayTrigger.dark.svg',
	};

	documentationUrl = 'https://github.com/rtc-paas/n8n-nodes-rtc-paas#signed-client-token';

	properties: INodeProperties[] = [
		{
			displayName: 'Algorithm',
			name: 'algorithm',
			type: 'options',
			options: [
				{
					name: 'HS256 (Shared Secret)',
					value: 'HS256',
					description: 'Your server and n8n hold the same secret',
				},
				{
					name: 'RS256 (RSA Public Key)',
					value: 'RS256',
					description: 'Your server signs with its RSA private key; n8n holds the public key',
				},
				{
					name: 'ES256 (P-256 Public Key)',
					value: 'ES256',
					description: 'Your server signs with its P-256 private key; n8n holds the public key',
				},
			],
			default: 'HS256',
			description:
				"The only algorithm accepted: a token naming another (or 'none') is refused whatever it holds",
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { algorithm: ['HS256'] } },
			description: `The HMAC secret your server signs tokens with, at least ${MIN_HS256_SECRET_BYTES} bytes (e.g. openssl rand -base64 48)`,
		},
		{
			displayName: 'Public Key',
			name: 'publicKey',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: '-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----',
			displayOptions: { show: { algorithm: ['RS256', 'ES256'] } },
			description:
				'PEM public key of the key pair your server signs with (RSA of 2048 bits or more for RS256, P-256 for ES256). Never the private key.',
		},
		{
			displayName: 'Issuer',
			name: 'issuer',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://app.example.com',
			description: 'When set, the token’s iss claim must equal it',
		},
		{
			displayName: 'Audience',
			name: 'audience',
			type: 'string',
			default: '',
			placeholder: 'e.g. media-gateway',
			description: 'When set, the token’s aud claim must name it',
		},
		{
			displayName: 'Clock Tolerance (Seconds)',
			name: 'clockTolerance',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_CLOCK_TOLERANCE_SECONDS },
			default: DEFAULT_CLOCK_TOLERANCE_SECONDS,
			description:
				'How far the clocks of your server and n8n may disagree when exp and nbf are checked',
		},
	];
}
