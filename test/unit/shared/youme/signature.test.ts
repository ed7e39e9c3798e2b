import { signedYoumeQuery, youmeChecksum } from '../../../../nodes/shared/youme/signature';

describe('Youme checksum', () => {
	// docs/vendors/youme.md#signature
	it('matches the documented vector', () => {
		expect(youmeChecksum('mySecret', '0123456789abcdef0123456789abcdef', '1575962150')).toBe(
			'a6627f28a157b768e96295b3b19ac99bb56629f0',
		);
	});

	it('signs the query with curtime in seconds, a checksum over that curtime and a unique seq', () => {
		const keys = {
			appKey: 'k',
			appSecret: 'mySecret',
			restApiKey: '0123456789abcdef0123456789abcdef',
			identifier: 'admin',
		};
		const signed = signedYoumeQuery(keys, 1575962150_999);
		expect(signed).toMatchObject({
			appkey: 'k',
			identifier: 'admin',
			curtime: '1575962150',
			checksum: 'a6627f28a157b768e96295b3b19ac99bb56629f0',
		});
		const seqs = new Set(
			Array.from({ length: 1000 }, () => signedYoumeQuery(keys, 1575962150_999).seq),
		);
		expect(seqs.size).toBe(1000);
	});
});
