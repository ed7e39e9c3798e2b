/**
 * Addresses and CIDR ranges, IPv4 and IPv6, parsed strictly (an entry that is not an address is named, not
 * skipped) and matched without node:net, which published nodes may not import. An IPv4 address seen
 * through an IPv6 socket (::ffff:10.0.0.1) is matched as the IPv4 address it is.
 */

interface Range {
	family: 4 | 6;
	network: bigint;
	prefix: number;
}

export type Allowlist = Range[];

type AllowlistResult = { ok: true; allowlist: Allowlist } | { ok: false; invalid: string[] };

interface Address {
	family: 4 | 6;
	value: bigint;
}

const BITS = { 4: 32, 6: 128 } as const;

function ipv4(text: string): bigint | undefined {
	const octets = text.split('.');
	if (octets.length !== 4) return undefined;
	let value = 0n;
	for (const octet of octets) {
		// No leading zeros: 010 is 8 to some parsers and 10 to others.
		if (!/^(0|[1-9]\d{0,2})$/.test(octet) || Number(octet) > 255) return undefined;
		value = (value << 8n) | BigInt(octet);
	}
	return value;
}

function hexGroups(text: string): bigint[] | undefined {
	if (text === '') return [];
	const groups: bigint[] = [];
	const parts = text.split(':');
	for (const [index, part] of parts.entries()) {
		if (index === parts.length - 1 && part.includes('.')) {
			const embedded = ipv4(part);
			if (embedded === undefined) return undefined;
			groups.push(embedded >> 16n, embedded & 0xffffn);
		} else if (/^[0-9A-Fa-f]{1,4}$/.test(part)) {
			groups.push(BigInt(`0x${part}`));
		} else return undefined;
	}
	return groups;
}

function ipv6(text: string): bigint | undefined {
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const head = hexGroups(halves[0]);
	const tail = halves.length === 2 ? hexGroups(halves[1]) : [];
	if (!head || !tail) return undefined;
	const missing = 8 - head.length - tail.length;
	if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
	const groups = [...head, ...Array<bigint>(halves.length === 2 ? missing : 0).fill(0n), ...tail];
	return groups.reduce((value, group) => (value << 16n) | group, 0n);
}

/** ::ffff:0:0/96, where IPv6 sockets put IPv4 peers. */
const MAPPED_IPV4_HIGH_BITS = 0xffffn;

/** An address as text; `undefined` when it is none. IPv4-mapped IPv6 comes back as IPv4. */
export function parseAddress(text: string): Address | undefined {
	const bare = text
		.trim()
		.replace(/^\[(.*)\]$/, '$1')
		.replace(/%.*$/, '');
	const four = ipv4(bare);
	if (four !== undefined) return { family: 4, value: four };
	const six = ipv6(bare);
	if (six === undefined) return undefined;
	if (six >> 32n === MAPPED_IPV4_HIGH_BITS) return { family: 4, value: six & 0xffffffffn };
	return { family: 6, value: six };
}

function parseRange(entry: string): Range | undefined {
	const [addressText, prefixText, extra] = entry.split('/');
	if (extra !== undefined) return undefined;
	const rawFamily = ipv4(addressText.trim()) === undefined ? 6 : 4;
	const address = parseAddress(addressText);
	if (!address) return undefined;
	let prefix: number = BITS[rawFamily];
	if (prefixText !== undefined) {
		if (!/^\d{1,3}$/.test(prefixText.trim())) return undefined;
		prefix = Number(prefixText);
		if (prefix > BITS[rawFamily]) return undefined;
	}
	// ::ffff:10.0.0.0/104 is 10.0.0.0/8.
	if (rawFamily === 6 && address.family === 4) {
		if (prefix < 96) return undefined;
		prefix -= 96;
	}
	return { family: address.family, network: address.value, prefix };
}

/** Comma- or whitespace-separated entries; an empty list allows every address. */
export function parseAllowlist(text: string): AllowlistResult {
	const entries = text.split(/[\s,]+/).filter(Boolean);
	const allowlist: Allowlist = [];
	const invalid: string[] = [];
	for (const entry of entries) {
		const range = parseRange(entry);
		if (range) allowlist.push(range);
		else invalid.push(entry);
	}
	return invalid.length > 0 ? { ok: false, invalid } : { ok: true, allowlist };
}

export function isAllowed(allowlist: Allowlist, addressText: string | undefined): boolean {
	if (allowlist.length === 0) return true;
	const address = addressText === undefined ? undefined : parseAddress(addressText);
	if (!address) return false;
	return allowlist.some((range) => {
		if (range.family !== address.family) return false;
		const shift = BigInt(BITS[range.family] - range.prefix);
		return address.value >> shift === range.network >> shift;
	});
}
