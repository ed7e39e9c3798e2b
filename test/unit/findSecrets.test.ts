import { findSecrets } from '../support/findSecrets';

describe('the secret scan', () => {
	const secrets = [
		{ label: 'developer secret', value: '6577543f6604bbaf' },
		{ label: 'token', value: '0123456789abcdef0123456789abcdef' },
	];

	it('finds a secret in text and in binary data, every occurrence', () => {
		const content = Buffer.concat([
			Buffer.from('{"message":"x","Authorization":"0123456789abcdef0123456789abcdef"}\n'),
			Buffer.from([0, 1, 2, 255]),
			Buffer.from('6577543f6604bbaf and again 6577543f6604bbaf'),
		]);
		expect(findSecrets(content, secrets).map((hit) => hit.label)).toEqual([
			'developer secret',
			'developer secret',
			'token',
		]);
	});

	it('reports nothing for text without the secrets', () => {
		expect(findSecrets(Buffer.from('a92b622559266609176621caf44f5857.fsp-token'), secrets)).toEqual(
			[],
		);
	});
});
