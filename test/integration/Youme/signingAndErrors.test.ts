import { NodeOperationError } from 'n8n-workflow';

import { YoumeCommand, YoumeError } from '../../../nodes/shared/youme/protocol';
import { YoumeFixture } from '../../support/youmeFixture';

const youme = new YoumeFixture();
beforeAll(() => youme.start());
afterAll(() => youme.stop());
beforeEach(async () => {
	await youme.control.reset();
	youme.credential();
});

const quality = { resource: 'statistics', operation: 'getQuality', queryDate: '2019-12-10' };
const qualityPath = `/v2/video/${YoumeCommand.QUALITY}`;

describe('signing', () => {
	it('signs every request anew: unique seq, checksum over its own curtime, JSON body', async () => {
		await youme.run(quality, { items: 5 });
		const requests = await youme.control.requests(qualityPath);
		expect(requests).toHaveLength(5);
		expect(new Set(requests.map((request) => request.query.seq)).size).toBe(5);
		expect(
			requests.every(
				(request) =>
					request.outcome.code === 0 && request.headers['content-type'] === 'application/json',
			),
		).toBe(true);
	});

	it('retries once, signed anew, when Youme says the curtime went stale on the way', async () => {
		await youme.control.injectFault(YoumeError.CURTIME, 1, 'curtime outside window');
		const items = await youme.run(quality);
		expect(items).toHaveLength(24);
		const requests = await youme.control.requests(qualityPath);
		expect(requests.map((request) => request.outcome.code)).toEqual([
			YoumeError.CURTIME,
			YoumeError.OK,
		]);
		expect(requests[0].query.seq).not.toBe(requests[1].query.seq);
	});

	it('does not retry twice: a second stale answer is reported', async () => {
		await youme.control.injectFault(YoumeError.CURTIME, 2);
		await expect(youme.run(quality)).rejects.toMatchObject({
			message: `Youme ${YoumeError.CURTIME}: curtime outside Youme's 5-minute window: check this machine's clock`,
		});
	});
});

describe('credential problems', () => {
	it.each([
		[
			'appSecret',
			'not-my-secret',
			YoumeError.CHECKSUM,
			'Checksum mismatch: check the App Secret and REST API Key',
		],
		['restApiKey', 'ffffffffffffffffffffffffffffffff', YoumeError.CHECKSUM, 'Checksum mismatch'],
		['appKey', 'SOMEONE_ELSE', YoumeError.APP_KEY, 'Unknown app key or identifier'],
		['identifier', 'root', YoumeError.APP_KEY, 'Unknown app key or identifier'],
	])(
		'a wrong %s is reported with the Youme code and what to check, never the secret',
		async (field, value, code, meaning) => {
			youme.credential({ [field]: value });
			const failure = (await youme.run(quality).catch((error: unknown) => error)) as Error & {
				description?: string;
			};
			expect(failure.message).toContain(`Youme ${code}: ${meaning}`);
			expect(failure.description).toMatch(/^Youme says ".+" \(count_qos_by_day\)$/);
			expect(JSON.stringify(failure)).not.toContain('mySecret');
			expect(JSON.stringify(failure)).not.toContain('0123456789abcdef0123456789abcdef');
		},
	);
});

describe('bad input', () => {
	it.each([
		['Day', { ...quality, queryDate: '2019-02-30' }, 'is not a day'],
		['Day', { ...quality, queryDate: '' }, 'is empty'],
		[
			'End Time',
			{
				resource: 'callRecord',
				operation: 'getMany',
				beginTime: '2019-12-11',
				endTime: '2019-12-10',
			},
			'is before Begin Time',
		],
		[
			'User ID',
			{
				resource: 'callRecord',
				operation: 'getManyOfUser',
				userId: '  ',
				beginTime: '2019-12-10',
				endTime: '2019-12-11',
			},
			'is empty',
		],
		[
			'End Time',
			{
				resource: 'room',
				operation: 'get',
				roomId: 'r',
				options: { beginTime: '2019-12-11', endTime: '2019-12-10' },
			},
			'is before Begin Time',
		],
	])('%s: refused before any request', async (label, parameters, problem) => {
		const failure = await youme.run(parameters).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect((failure as Error).message).toMatch(new RegExp(`^${label}: .*${problem}`));
		expect(await youme.control.requests()).toHaveLength(0);
	});

	it('with continue on fail, a bad day becomes an error item and the other items go on', async () => {
		const items = await youme.run(
			(itemIndex) => ({ ...quality, queryDate: itemIndex === 1 ? 'someday' : '2019-12-10' }),
			{
				items: 3,
				continueOnFail: true,
			},
		);
		expect(items.filter((item) => item.json.error).map((item) => item.pairedItem)).toEqual([
			{ item: 1 },
		]);
		expect(items.filter((item) => !item.json.error)).toHaveLength(48);
	});
});
