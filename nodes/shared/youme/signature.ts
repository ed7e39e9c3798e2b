import { createHash, randomBytes } from 'crypto';

/** `checksum` (docs/vendors/youme.md#signature): lowercase hex SHA-1 of UTF-8 appsecret + restapikey + curtime. */
export function youmeChecksum(appSecret: string, restApiKey: string, curtime: string): string {
	return createHash('sha1').update(`${appSecret}${restApiKey}${curtime}`, 'utf8').digest('hex');
}

interface YoumeSigningKeys {
	appKey: string;
	appSecret: string;
	restApiKey: string;
	identifier: string;
}

/** The query string of one request, signed now: every request (and every retry) gets its own. */
export function signedYoumeQuery(
	keys: YoumeSigningKeys,
	nowMs = Date.now(),
): Record<string, string> {
	const curtime = String(Math.floor(nowMs / 1000));
	return {
		appkey: keys.appKey,
		identifier: keys.identifier,
		curtime,
		checksum: youmeChecksum(keys.appSecret, keys.restApiKey, curtime),
		seq: `${nowMs.toString(36)}${randomBytes(6).toString('hex')}`,
	};
}
