import { MEDIA_GATEWAY_HEADERS, MediaGatewayResult, type MediaGatewayHeader } from './protocol';
import { Refusal } from './refusal';

export type HeaderBag = Record<string, string | string[] | undefined>;

/** A header in any of its spellings, case-insensitively. */
export function headerValue(headers: HeaderBag, name: MediaGatewayHeader): string | undefined {
	const wanted = new Set<string>(MEDIA_GATEWAY_HEADERS[name]);
	for (const [key, value] of Object.entries(headers)) {
		if (wanted.has(key.toLowerCase())) {
			const text = (Array.isArray(value) ? value[0] : value)?.trim();
			if (text) return text;
		}
	}
	return undefined;
}

/** The header's value; its absence is refused naming every spelling accepted. */
export function requiredHeader(headers: HeaderBag, name: MediaGatewayHeader): string {
	const value = headerValue(headers, name);
	if (value === undefined) {
		const spellings = MEDIA_GATEWAY_HEADERS[name].join(' or ');
		throw new Refusal(MediaGatewayResult.MISSING_HEADER, `header ${spellings} is missing`);
	}
	return value;
}
