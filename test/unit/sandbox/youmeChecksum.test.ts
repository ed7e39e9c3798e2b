import { signedYoumeQuery } from '../../../nodes/shared/youme/signature';
import { expectedYoumeChecksum, youmeChecksumMatches } from '../../../sandbox/youme/checksum';
import { SANDBOX_YOUME_APP } from '../../../sandbox/youme/seed';

// docs/vendors/youme.md#signature
const VECTOR = {
	secrets: { appSecret: 'mySecret', restApiKey: '0123456789abcdef0123456789abcdef' },
	curtime: '1575962150',
	checksum: 'a6627f28a157b768e96295b3b19ac99bb56629f0',
};

describe("the Youme emulator's own checksum", () => {
	it('matches the vector of the vendor page', () => {
		expect(expectedYoumeChecksum(VECTOR.secrets, VECTOR.curtime)).toBe(VECTOR.checksum);
		expect(youmeChecksumMatches(VECTOR.checksum, VECTOR.secrets, VECTOR.curtime)).toBe(true);
	});

	it('refuses another curtime, an uppercase or cut checksum, and none', () => {
		expect(youmeChecksumMatches(VECTOR.checksum, VECTOR.secrets, '1575962151')).toBe(false);
		expect(
			youmeChecksumMatches(VECTOR.checksum.toUpperCase(), VECTOR.secrets, VECTOR.curtime),
		).toBe(false);
		expect(youmeChecksumMatches(VECTOR.checksum.slice(1), VECTOR.secrets, VECTOR.curtime)).toBe(
			false,
		);
		expect(youmeChecksumMatches(undefined, VECTOR.secrets, VECTOR.curtime)).toBe(false);
	});

	it("accepts what the node signs for the sandbox's app, and nothing signed with another key", () => {
		const signed = signedYoumeQuery(SANDBOX_YOUME_APP, 1_700_000_000_123);
		expect(youmeChecksumMatches(signed.checksum, SANDBOX_YOUME_APP, signed.curtime)).toBe(true);
		const other = signedYoumeQuery(
			{ ...SANDBOX_YOUME_APP, restApiKey: 'fedcba9876543210fedcba9876543210' },
			1_700_000_000_123,
		);
		expect(youmeChecksumMatches(other.checksum, SANDBOX_YOUME_APP, other.curtime)).toBe(false);
	});
});
