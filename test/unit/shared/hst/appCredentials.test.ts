import type { ICredentialDataDecryptedObject, ICredentialTestFunctions } from 'n8n-workflow';

import { HstAppApi } from '../../../../credentials/HstAppApi.credentials';
import { Hst } from '../../../../nodes/Hst/Hst.node';
import {
	HST_APP_CREDENTIAL_TYPE,
	hstAppCredentialTest,
} from '../../../../nodes/shared/hst/appCredentials';

const credential = (data: ICredentialDataDecryptedObject) => ({
	id: 'c1',
	name: 'HST App',
	type: HST_APP_CREDENTIAL_TYPE,
	data,
});
const test = (data: ICredentialDataDecryptedObject) =>
	hstAppCredentialTest.call({} as ICredentialTestFunctions, credential(data));

describe('HST App credential', () => {
	it('passes a 16-character secret, having built a token with it', async () => {
		expect(await test({ appId: 'app-1', appSecret: 'c1a55r00m5ecret0' })).toEqual({
			status: 'OK',
			message:
				'The app secret has 16 characters and signs tokens (HST has no endpoint to check it against)',
		});
	});

	it.each([
		['short', 5],
		['seventeen-chars!!', 17],
		['密钥密钥密钥', 18],
		['', 0],
	])('refuses the secret %j (%i bytes), without echoing it', async (appSecret, bytes) => {
		const result = await test({ appId: 'app-1', appSecret });
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			`App Secret must be exactly 16 characters (it is the AES-128 key of the token); this one has ${bytes}`,
		);
		if (appSecret) expect(result.message).not.toContain(appSecret);
	});

	it('refuses an empty app ID', async () => {
		expect(await test({ appId: ' ', appSecret: 'c1a55r00m5ecret0' })).toEqual({
			status: 'Error',
			message: 'App ID is empty',
		});
	});

	it('is the credential the node tests itself, shown only for Client Token', () => {
		const node = new Hst();
		expect(new HstAppApi().name).toBe(HST_APP_CREDENTIAL_TYPE);
		const entry = node.description.credentials?.find(
			(item) => item.name === HST_APP_CREDENTIAL_TYPE,
		);
		expect(entry?.displayOptions).toEqual({ show: { resource: ['clientToken'] } });
		const tests: Record<string, unknown> = node.methods.credentialTest;
		expect(tests[entry?.testedBy as string]).toBe(hstAppCredentialTest);
		const appSecret = new HstAppApi().properties.find((property) => property.name === 'appSecret');
		expect(appSecret?.typeOptions?.password).toBe(true);
	});
});
