import { generateKeyPairSync } from 'node:crypto';

import {
	clientTokenSettings,
	normalizePem,
} from '../../../../nodes/shared/mediaGateway/clientToken';
import {
	sameSecret,
	sharedSecretSettings,
} from '../../../../nodes/shared/mediaGateway/sharedSecret';

const pem = (key: { export(options: object): string | Buffer }, type: string) =>
	key.export({ type, format: 'pem' }).toString();
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const ec384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaSmall = generateKeyPairSync('rsa', { modulusLength: 1024 });
const ed = generateKeyPairSync('ed25519');
const ecPublic = pem(ec.publicKey, 'spki');

describe('Client token credential', () => {
	it('accepts each algorithm with fitting key material', () => {
		const hs = clientTokenSettings({ algorithm: 'HS256', secret: 'x'.repeat(32) });
		expect(hs).toMatchObject({
			ok: true,
			settings: { algorithm: 'HS256', clockToleranceSeconds: 30 },
		});
		expect(hs.ok && hs.settings.key.type).toBe('secret');
		const rs = clientTokenSettings({ algorithm: 'RS256', publicKey: pem(rsa.publicKey, 'spki') });
		expect(rs.ok && rs.settings.key.asymmetricKeyType).toBe('rsa');
		const es = clientTokenSettings({
			algorithm: 'ES256',
			publicKey: ecPublic,
			issuer: ' https://app.example.com ',
			audience: '',
			clockTolerance: 0,
		});
		expect(es).toMatchObject({
			ok: true,
			settings: {
				issuer: 'https://app.example.com',
				audience: undefined,
				clockToleranceSeconds: 0,
			},
		});
	});

	it.each([
		[
			{ algorithm: 'HS256', secret: 'x'.repeat(31) },
			'Secret must be at least 32 bytes for HS256 (it has 31)',
		],
		[{ algorithm: 'HS256' }, 'Secret must be at least 32 bytes for HS256 (it has 0)'],
		[
			{ algorithm: 'HS512', secret: 'x'.repeat(64) },
			'Algorithm must be one of HS256, RS256, ES256',
		],
		[{ algorithm: 'none' }, 'Algorithm must be one of HS256, RS256, ES256'],
		[
			{ algorithm: 'ES256', publicKey: 'not a key' },
			'Public Key is not a PEM public key (-----BEGIN PUBLIC KEY-----)',
		],
		[
			{ algorithm: 'ES256', publicKey: pem(ec.privateKey, 'pkcs8') },
			'Public Key holds a private key; paste the public key (openssl pkey -pubout) instead',
		],
		[
			{ algorithm: 'ES256', publicKey: pem(ec384.publicKey, 'spki') },
			'ES256 needs an EC public key on the P-256 curve; this one is ec secp384r1',
		],
		[
			{ algorithm: 'ES256', publicKey: pem(rsa.publicKey, 'spki') },
			'ES256 needs an EC public key on the P-256 curve; this one is rsa',
		],
		[{ algorithm: 'RS256', publicKey: ecPublic }, 'RS256 needs an RSA public key; this one is ec'],
		[
			{ algorithm: 'RS256', publicKey: pem(rsaSmall.publicKey, 'spki') },
			'RS256 needs an RSA key of at least 2048 bits; this one has 1024',
		],
		[
			{ algorithm: 'RS256', publicKey: pem(ed.publicKey, 'spki') },
			'RS256 needs an RSA public key; this one is ed25519',
		],
		[
			{ algorithm: 'HS256', secret: 'x'.repeat(32), clockTolerance: -1 },
			'Clock Tolerance must be 0 to 3600 seconds',
		],
		[
			{ algorithm: 'HS256', secret: 'x'.repeat(32), clockTolerance: 86400 },
			'Clock Tolerance must be 0 to 3600 seconds',
		],
	])('names what is wrong: %j', (data, problem) => {
		expect(clientTokenSettings(data)).toEqual({ ok: false, problem });
	});

	it('reads PEM the way people paste it', () => {
		const body = ecPublic.split('\n').slice(1, -2).join('');
		for (const pasted of [
			ecPublic.replace(/\n/g, ' '),
			ecPublic.replace(/\n/g, '\\n'),
			`  ${ecPublic}  `,
			body,
			ecPublic.replace(/\n/g, '\r\n'),
		]) {
			expect(normalizePem(pasted)).toBe(ecPublic);
			expect(clientTokenSettings({ algorithm: 'ES256', publicKey: pasted }).ok).toBe(true);
		}
	});
});

describe('Shared secret credential', () => {
	it('accepts a header name and a long enough secret', () => {
		expect(
			sharedSecretSettings({ headerName: ' X-Gateway-Secret ', secret: 's'.repeat(16) }),
		).toEqual({
			ok: true,
			settings: { headerName: 'x-gateway-secret', secret: 's'.repeat(16) },
		});
	});

	it.each([
		[
			{ headerName: 'X-Gateway-Secret', secret: 's'.repeat(15) },
			'Secret must be at least 16 characters (it has 15)',
		],
		[
			{ headerName: 'X Gateway', secret: 's'.repeat(16) },
			'Header Name must be an HTTP header name, e.g. X-Gateway-Secret',
		],
		[
			{ headerName: '', secret: 's'.repeat(16) },
			'Header Name must be an HTTP header name, e.g. X-Gateway-Secret',
		],
		[
			{ headerName: 'Token', secret: 's'.repeat(16) },
			'Header Name token is a media gateway header; choose another, e.g. X-Gateway-Secret',
		],
		[
			{ headerName: 'App-Key', secret: 's'.repeat(16) },
			'Header Name app-key is a media gateway header; choose another, e.g. X-Gateway-Secret',
		],
	])('names what is wrong: %j', (data, problem) => {
		expect(sharedSecretSettings(data)).toEqual({ ok: false, problem });
	});

	it('compares secrets exactly, whatever their lengths', () => {
		const secret = 'correct-horse-battery-staple';
		expect(sameSecret(secret, secret)).toBe(true);
		for (const other of ['', secret.slice(0, -1), `${secret}x`, secret.toUpperCase(), ` ${secret}`])
			expect(sameSecret(other, secret)).toBe(false);
	});
});
