import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { FSP_SECRET_LENGTH } from '../nodes/shared/hst/fspToken';

/**
 * One HST app's ID and secret, for Client Token → Create. Tested by the HST PaaS node
 * (`testedBy`), since HST has no endpoint that checks an app secret.
 */
export class HstAppApi implements ICredentialType {
	name = 'hstAppApi';

	displayName = 'HST App API';

	icon: Icon = { light: 'file:../nodes/Hst/hst.svg', dark: 'file:../nodes/Hst/hst.dark.svg' };

	documentationUrl = 'https://github.com/rtc-paas/n8n-nodes-rtc-paas#hst-app-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			description: 'The app_id shown for the app in the HST PaaS console',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: `Exactly ${FSP_SECRET_LENGTH} characters, shown for the app in the HST PaaS console (not the developer secret)`,
		},
	];
}
