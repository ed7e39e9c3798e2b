import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Youme's side of the request signature, written from docs/vendors/youme.md#signature and not shared
 * with the node: the node signs with its own code, so a mistake on either side fails the tests that
 * talk to this emulator.
 */
interface YoumeSigningSecrets {
	appSecret: string;
	restApiKey: string;
}

/** SHA-1 over the UTF-8 bytes of appsecret, restapikey and curtime, one after the other. */
export function expectedYoumeChecksum(secrets: YoumeSigningSecrets, curtime: string): string {
	const hash = createHash('sha1');
	for (const part of [secrets.appSecret, secrets.restApiKey, curtime]) {
		hash.update(Buffer.from(part, 'utf8'));
	}
	return hash.digest('hex');
}

/** Whether `given` is the lowercase hex checksum for this curtime; compared in constant time. */
export function youmeChecksumMatches(
	given: string | undefined,
	secrets: YoumeSigningSecrets,
	curtime: string,
): boolean {
	if (given === undefined || !/^[0-9a-f]{40}$/.test(given)) return false;
	const expected = expectedYoumeChecksum(secrets, curtime);
	return timingSafeEqual(Buffer.from(given, 'ascii'), Buffer.from(expected, 'ascii'));
}
