import {
	isAllowed,
	parseAddress,
	parseAllowlist,
	type Allowlist,
} from '../../../../nodes/shared/mediaGateway/ipAllowlist';

function allowlist(text: string): Allowlist {
	const parsed = parseAllowlist(text);
	if (!parsed.ok) throw new Error(`invalid: ${parsed.invalid.join(', ')}`);
	return parsed.allowlist;
}

describe('IP allowlist', () => {
	it.each([
		['10.0.0.0/8', '10.255.1.2', true],
		['10.0.0.0/8', '11.0.0.1', false],
		['192.168.1.7', '192.168.1.7', true],
		['192.168.1.7', '192.168.1.8', false],
		['192.168.1.7/32', '192.168.1.7', true],
		['172.16.0.0/12', '172.31.255.255', true],
		['172.16.0.0/12', '172.32.0.0', false],
		['0.0.0.0/0', '203.0.113.9', true],
		['10.1.2.3/8', '10.9.9.9', true],
		['2001:db8::/32', '2001:db8:ffff::1', true],
		['2001:db8::/32', '2001:db9::1', false],
		['::1', '::1', true],
		['::1', '0:0:0:0:0:0:0:1', true],
		['2001:DB8:0:0:1::/80', '2001:db8::1:0:0:5', true],
		['::/0', '2001:db8::1', true],
		['::/0', '10.0.0.1', false],
		['fe80::/10', 'fe80::1%eth0', true],
		['10.0.0.0/8', '::ffff:10.1.2.3', true],
		['10.0.0.0/8', '::ffff:0a01:0203', true],
		['::ffff:10.0.0.0/104', '10.200.0.1', true],
		['::ffff:10.0.0.0/104', '11.0.0.1', false],
		['127.0.0.1', '::1', false],
		['::1', '127.0.0.1', false],
		['64:ff9b::/96', '64:ff9b::10.0.0.1', true],
		['10.0.0.1, 2001:db8::/32', '2001:db8::7', true],
		['10.0.0.1 2001:db8::/32', '10.0.0.1', true],
		['[2001:db8::1]', '2001:db8::1', true],
	])('%s allows %s: %s', (list, address, expected) => {
		expect(isAllowed(allowlist(list), address)).toBe(expected);
	});

	it('allows everyone when empty, and no one without an address when not', () => {
		expect(isAllowed(allowlist(''), undefined)).toBe(true);
		expect(isAllowed(allowlist(' , '), '10.0.0.1')).toBe(true);
		expect(isAllowed(allowlist('10.0.0.0/8'), undefined)).toBe(false);
		expect(isAllowed(allowlist('10.0.0.0/8'), 'not-an-address')).toBe(false);
		expect(isAllowed(allowlist('10.0.0.0/8'), '10.0.0.1, 10.0.0.2')).toBe(false);
	});

	it('names every entry that is not an address or range, instead of skipping it', () => {
		expect(
			parseAllowlist(
				'10.0.0.1, 10.0.0.256, 010.0.0.1, 10.0.0.0/33, 2001:db8::/129, 1:2:3:4:5:6:7:8:9, 1::2::3, host.example, 10.0.0.0/8/8, 10.0.0.0/x, ::ffff:10.0.0.0/8',
			),
		).toEqual({
			ok: false,
			invalid: [
				'10.0.0.256',
				'010.0.0.1',
				'10.0.0.0/33',
				'2001:db8::/129',
				'1:2:3:4:5:6:7:8:9',
				'1::2::3',
				'host.example',
				'10.0.0.0/8/8',
				'10.0.0.0/x',
				'::ffff:10.0.0.0/8',
			],
		});
	});

	it('reads IPv4 seen through an IPv6 socket as IPv4', () => {
		expect(parseAddress('::ffff:127.0.0.1')).toEqual({ family: 4, value: 0x7f000001n });
		expect(parseAddress('::1')).toEqual({ family: 6, value: 1n });
		expect(parseAddress('1.2.3')).toBeUndefined();
		expect(parseAddress('1:2:3:4:5:6:7')).toBeUndefined();
		expect(parseAddress('::12345')).toBeUndefined();
	});
});
