import { YoumeCommand, YoumeError } from '../../nodes/shared/youme/protocol';
import { dayNumber, qualityOfDay, sessionsBetween, trendOfDay } from '../../sandbox/youme/data';
import { YoumeControl } from '../../sandbox/youme/control';
import { SANDBOX_YOUME_APP } from '../../sandbox/youme/seed';
import { deployNodeWorkflow, e2eContext, n8nApi } from './harness/context';

jest.setTimeout(120_000);

const context = e2eContext();
const youme = new YoumeControl(context.sandbox.youme);

function youmeWorkflow(parameters: Record<string, unknown>) {
	return deployNodeWorkflow({
		type: 'n8n-nodes-rtc-paas.youme',
		parameters,
		credentialType: 'youmeApi',
	});
}

const sentBodies = async (command: string) =>
	(await youme.requests(`/v2/video/${command}`)).map((request) => ({
		body: request.body,
		code: request.outcome.code,
	}));

const tenth = {
	begin: Date.parse('2019-12-10T00:00:00+08:00') / 1000,
	end: Date.parse('2019-12-10T23:59:59+08:00') / 1000,
};

beforeEach(async () => {
	await youme.reset();
});

describe('Youme RTC node in n8n', () => {
	it('tests the credential through n8n, and names the problem when the secret is wrong', async () => {
		const api = n8nApi();
		expect(await api.testCredential(context.credentials.youmeApi.id)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const wrong = await api.createCredential({
			name: 'Youme wrong secret',
			type: 'youmeApi',
			data: {
				...SANDBOX_YOUME_APP,
				appSecret: 'wrong',
				baseUrl: context.sandbox.youme,
				apiVersion: 'v2',
				serviceName: 'video',
			},
		});
		expect(await api.testCredential(wrong)).toEqual({
			status: 'Error',
			message: `Youme ${YoumeError.CHECKSUM}: Checksum mismatch: check the App Secret and REST API Key`,
		});
	});

	it('call records: all users of a period, and one user', async () => {
		const all = await (
			await youmeWorkflow({
				resource: 'callRecord',
				operation: 'getMany',
				beginTime: '2019-12-10T00:00:00+08:00',
				endTime: '2019-12-10T23:59:59+08:00',
			})
		)();
		const expected = sessionsBetween(tenth.begin, tenth.end);
		expect(all.map((item) => [item.UserId, item.EnterTime])).toEqual(
			expected.map((session) => [session.UserId, session.EnterTime]),
		);
		expect(await sentBodies(YoumeCommand.ALL_CALL_RECORDS)).toEqual([
			{ body: { BeginTime: String(tenth.begin), EndTime: String(tenth.end) }, code: 0 },
		]);

		const userId = expected[0].UserId;
		const mine = await (
			await youmeWorkflow({
				resource: 'callRecord',
				operation: 'getManyOfUser',
				userId,
				beginTime: '2019-12-10T00:00:00+08:00',
				endTime: '2019-12-10T23:59:59+08:00',
			})
		)();
		expect(mine.map((item) => item.EnterTime)).toEqual(
			expected.filter((session) => session.UserId === userId).map((session) => session.EnterTime),
		);
	});

	it('room: participants with the room times', async () => {
		const items = await (
			await youmeWorkflow({
				resource: 'room',
				operation: 'get',
				roomId: 'room-beta',
				options: { beginTime: '2019-12-10T00:00:00+08:00', endTime: '2019-12-10T23:59:59+08:00' },
			})
		)();
		const users = new Set(
			sessionsBetween(tenth.begin, tenth.end)
				.filter((session) => session.RoomId === 'room-beta')
				.map((session) => session.UserId),
		);
		expect(new Set(items.map((item) => item.UserId))).toEqual(users);
		expect(items[0]).toEqual(
			expect.objectContaining({
				RoomId: 'room-beta',
				CreateTimeIso: expect.any(String),
				DestroyTime: expect.any(String),
			}),
		);
	});

	it('statistics: trend, distribution and quality of a day, QueryDate sent in UTC+8', async () => {
		const day = dayNumber('20191210');
		const trend = await (
			await youmeWorkflow({
				resource: 'statistics',
				operation: 'getTrend',
				queryDate: '2019-12-10',
				countBy: 1,
			})
		)();
		expect(trend.map((item) => item.Volume)).toEqual(
			trendOfDay(day, 1).map((point) => point.Volume),
		);

		const distribution = await (
			await youmeWorkflow({
				resource: 'statistics',
				operation: 'getDistribution',
				queryDate: '2019-12-10',
				countBy: 4,
			})
		)();
		expect(distribution.map((item) => item.Region)).toEqual(['WiFi', '4G', '5G', 'Ethernet']);

		const quality = await (
			await youmeWorkflow({
				resource: 'statistics',
				operation: 'getQuality',
				queryDate: '2019-12-10',
			})
		)();
		expect(quality.map((item) => item.VideoDelayRate)).toEqual(
			qualityOfDay(day).map((point) => point.VideoDelayRate),
		);
		expect(quality[0].TickTimeIso).toBe('2019-12-09T16:00:00.000Z');

		expect((await sentBodies(YoumeCommand.QUALITY)).map((sent) => sent.body)).toEqual([
			{ QueryDate: '20191210' },
		]);
		expect((await sentBodies(YoumeCommand.VOLUME_DISTRIBUTION)).map((sent) => sent.body)).toEqual([
			{ QueryDate: '20191210', CountBy: 4 },
		]);
	});
});
