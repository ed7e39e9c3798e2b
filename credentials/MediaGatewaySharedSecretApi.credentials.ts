import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_SECRET_HEADER,
	MIN_SHARED_SECRET_LENGTH,
} from '../nodes/shared/mediaGateway/sharedSecret';

/**
 * A secret a server of yours (a Stream-Server, a gateway in front of n8n) sends in one header to the
 * Media Gateway Trigger. Tested by the trigger (testedBy), locally: nothing here talks to a server.
 */
export class MediaGatewaySharedSecretApi implements ICredentialType {
	name = 'mediaGatewaySharedSecretApi';

	displayName = 'Media Gateway Shared Secret API';

	icon: Icon = {
		light: 'file:../nodes/MediaGatewayTrigger/mediaGatewayTrigger.svg',
		dark: 'file:../nodes/MediaGatewayTrigger/mediaGatewayTrigger.dark.svg',
	};

	documentationUrl = 'https://github.com/rtc-paas/n8n-nodes-rtc-paas#shared-secret';

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: DEFAULT_SECRET_HEADER,
			required: true,
			description: 'The request header that carries the secret',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: `At least ${MIN_SHARED_SECRET_LENGTH} characters; compared in constant time (e.g. openssl rand -base64 32)`,
		},
	];
}
