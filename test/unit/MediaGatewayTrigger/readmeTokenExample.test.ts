import { createSecretKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { verifyJwt } from '../../../nodes/shared/mediaGateway/jwt';

/** The README's token-issuing example, run as written and checked by the trigger's own verifier. */
function readmeExample(): string {
	const readme = readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
	const block = [...readme.matchAll(/```js\n([\s\S]*?)```/g)]
		.map((match) => match[1])
		.find((code) => code.includes('function issueClientToken'));
	if (!block) throw new Error('README has no issueClientToken example');
	return block;
}

describe('README: issuing a Signed Client Token', () => {
	it('issues a token the trigger accepts, with the claims the trigger binds', () => {
		const secret = 'a-secret-for-the-readme-example-of-40-bytes';
		const module = { exports: {} as { issueClientToken?: (subject: object) => string } };
		new Function('require', 'module', 'process', readmeExample())(require, module, {
			env: { MEDIA_GATEWAY_TOKEN_SECRET: secret },
		});
		const token = module.exports.issueClientToken!({
			appKey: 'k',
			roomId: 'room-1',
			userId: 'alice',
		});
		const now = Math.floor(Date.now() / 1000);
		const verified = verifyJwt(token, {
			algorithm: 'HS256',
			key: createSecretKey(Buffer.from(secret)),
			now,
			clockToleranceSeconds: 0,
			issuer: 'https://app.example.com',
			audience: 'media-gateway',
		});
		expect(verified).toEqual({
			ok: true,
			claims: {
				iss: 'https://app.example.com',
				aud: 'media-gateway',
				sub: 'alice',
				roomId: 'room-1',
				appKey: 'k',
				iat: expect.any(Number),
				exp: expect.any(Number),
			},
		});
		const { claims } = verified as unknown as { claims: { iat: number; exp: number } };
		expect(claims.exp - claims.iat).toBe(300);
		expect(Math.abs(claims.iat - now)).toBeLessThanOrEqual(1);
	});
});
