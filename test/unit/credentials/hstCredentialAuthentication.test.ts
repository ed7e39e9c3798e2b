import { createDecipheriv } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { HstApi } from '../../../credentials/HstApi.credentials';
import { HstPath } from '../../../nodes/shared/hst/api';
import { FSP_TOKEN_IV, FSP_TOKEN_VERSION_PREFIX } from '../../../nodes/shared/hst/fspToken';

const credentials = {
	gatewayUrl: 'http://127.0.0.1:28000',
	developerId: 'dev-1',
	developerSecret: '0123456789abcdef',
	accessToken: 'stored-access-token',
};

async function authorizationFor(url: string, data: ICredentialDataDecryptedObject = credentials) {
	const signed = await new HstApi().authenticate(data, { url, method: 'GET' });
	return String(signed.headers?.Authorization);
}

/** Decrypts an FspToken with the secret, independently of the code that built it. */
function fspTokenClaims(token: string, secret: string): Record<string, unknown> {
	const decipher = createDecipheriv('aes-128-cbc', Buffer.from(secret), FSP_TOKEN_IV);
	decipher.setAutoPadding(false);
	const body = Buffer.from(token.slice(FSP_TOKEN_VERSION_PREFIX.length), 'base64');
	const plain = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
	return JSON.parse(plain.trimEnd()) as Record<string, unknown>;
}

describe('HST credential: which authorization each endpoint gets', () => {
	it('signs the token endpoint with the secret as entered, never with the stored token', async () => {
		const header = await authorizationFor(`${credentials.gatewayUrl}${HstPath.ACCESS_TOKEN}`);
		const [developerId, token] = header.split('.');
		expect(developerId).toBe('dev-1');
		expect(fspTokenClaims(token, credentials.developerSecret)).toMatchObject({ aid: 'dev-1' });
		expect(header).not.toContain('stored-access-token');
		expect(header).not.toContain(credentials.developerSecret);
	});

	it('treats a relative token path with a query as the token endpoint (the credential test sends one)', async () => {
		const header = await authorizationFor(`${HstPath.ACCESS_TOKEN}?probe=1`);
		expect(header.startsWith('dev-1.')).toBe(true);
	});

	it('sends the stored access token, without a scheme, to every business endpoint', async () => {
		expect(await authorizationFor(`${credentials.gatewayUrl}${HstPath.BILLING_RECORDS}`)).toBe(
			'stored-access-token',
		);
		expect(await authorizationFor(`${credentials.gatewayUrl}/v1/access/token-list`)).toBe(
			'stored-access-token',
		);
	});

	it('names the length problem, not the secret, when the secret cannot sign', async () => {
		const short = { ...credentials, developerSecret: 'short-secret' };
		const failure = authorizationFor(HstPath.ACCESS_TOKEN, short);
		await expect(failure).rejects.toThrow(/exactly 16 characters/);
		await expect(failure).rejects.not.toThrow(/short-secret/);
	});

	it('tests the credential at the token endpoint, where only the right secret succeeds', () => {
		expect(new HstApi().test.request).toMatchObject({ url: HstPath.ACCESS_TOKEN, method: 'GET' });
	});
});
