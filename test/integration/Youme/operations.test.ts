import { YoumeCommand } from '../../../nodes/shared/youme/protocol';
import {
	dayNumber,
	distributionOfDay,
	qualityOfDay,
	sessionsBetween,
	trendOfDay,
} from '../../../sandbox/youme/data';
import { YoumeFixture } from '../../support/youmeFixture';

const youme = new YoumeFixture();
beforeAll(() => youme.start());
afterAll(() => youme.stop());
beforeEach(async () => {
	await youme.control.reset();
});

const commandPath = (command: string) => `/v2/video/${command}`;
const december10 = {
	begin: Date.parse('2019-12-10T00:00:00+08:00') / 1000,
	end: Date.parse('2019-12-10T23:59:59+08:00') / 1000,
};

describe('call records', () => {
	it("gets every user's sessions of a period, one item each, times kept as strings with ISO twins", async () => {
		const items = await youme.run({
			resource: 'callRecord',
			operation: 'getMany',
			beginTime: '2019-12-10T00:00:00+08:00',
			endTime: '2019-12-10T23:59:59+08:00',
		});
		const expected = sessionsBetween(december10.begin, december10.end);
		expect(expected.length).toBeGreaterThan(5);
		expect(items.map((item) => item.json)).toEqual(
			expected.map((session) => ({
				...session,
				CreateTimeIso: new Date(Number(session.CreateTime) * 1000).toISOString(),
				EnterTimeIso: new Date(Number(session.EnterTime) * 1000).toISOString(),
				LeaveTimeIso: new Date(Number(session.LeaveTime) * 1000).toISOString(),
			})),
		);
		const [sent] = await youme.control.requests(commandPath(YoumeCommand.ALL_CALL_RECORDS));
		expect(sent.body).toEqual({
			BeginTime: String(december10.begin),
			EndTime: String(december10.end),
		});
		expect(sent.query).toEqual(
			expect.objectContaining({ appkey: 'YOUME_SANDBOX_APPKEY', identifier: 'admin' }),
		);
	});

	it("gets one user's stays room by room, including several stays in the same room", async () => {
		const userId = sessionsBetween(december10.begin, december10.end).find(
			(session, _, all) =>
				all.filter((other) => other.UserId === session.UserId && other.RoomId === session.RoomId)
					.length > 1,
		)!.UserId;
		const items = await youme.run({
			resource: 'callRecord',
			operation: 'getManyOfUser',
			userId,
			beginTime: '2019-12-10',
			endTime: '2019-12-10T23:59:59',
		});
		const expected = sessionsBetween(december10.begin, december10.end).filter(
			(session) => session.UserId === userId,
		);
		expect(
			items.map((item) => [item.json.RoomId, item.json.EnterTime, item.json.LeaveTime]),
		).toEqual(expected.map((session) => [session.RoomId, session.EnterTime, session.LeaveTime]));
		expect(
			items.every(
				(item) => item.json.UserId === userId && typeof item.json.AudioDuration === 'number',
			),
		).toBe(true);
	});
});

describe('room', () => {
	it('gets the participants of a room with the room times, and the raw answer on request', async () => {
		const items = await youme.run({
			resource: 'room',
			operation: 'get',
			roomId: 'room-alpha',
			options: { beginTime: '2019-12-10T00:00:00+08:00', endTime: '2019-12-10T23:59:59+08:00' },
		});
		const sessions = sessionsBetween(december10.begin, december10.end).filter(
			(session) => session.RoomId === 'room-alpha',
		);
		expect(new Set(items.map((item) => item.json.UserId))).toEqual(
			new Set(sessions.map((session) => session.UserId)),
		);
		const first = sessions.find((session) => session.UserId === items[0].json.UserId)!;
		expect(items[0].json).toMatchObject({
			RoomId: 'room-alpha',
			CreateTime: first.CreateTime,
			FirstEnterTime: first.EnterTime,
		});
		expect(items[0].json.AudioDuration).toBe(
			sessions
				.filter((session) => session.UserId === items[0].json.UserId)
				.reduce((sum, session) => sum + session.AudioDuration, 0),
		);

		const [raw] = await youme.run({
			resource: 'room',
			operation: 'get',
			roomId: 'room-alpha',
			options: { output: 'raw' },
		});
		expect(Object.keys(raw.json).sort()).toEqual(['CreateTime', 'DestroyTime', 'RoomId', 'Users']);
		const [unbounded] = await youme.control
			.requests(commandPath(YoumeCommand.ROOM_INFO))
			.then((requests) => requests.slice(-1));
		expect(unbounded.body).toEqual({ RoomId: 'room-alpha' });
	});

	it('answers nothing for a room without activity (-40012 is "no data", not a failure)', async () => {
		expect(
			await youme.run({ resource: 'room', operation: 'get', roomId: 'room-nobody-used' }),
		).toEqual([]);
	});
});

describe('statistics', () => {
	const day = dayNumber('20191210');

	it('gets the trend of a day for one CountBy, numbers as numbers', async () => {
		const items = await youme.run({
			resource: 'statistics',
			operation: 'getTrend',
			queryDate: '2019-12-10',
			countBy: 3,
		});
		expect(items.map((item) => item.json.Volume)).toEqual(
			trendOfDay(day, 3).map((point) => point.Volume),
		);
		expect(items[0].json).toMatchObject({
			QueryDate: '20191210',
			CountBy: 3,
			CountByName: 'Peak Concurrent Users',
		});
		expect(items[0].json.TickTimeIso).toBe('2019-12-09T16:00:00.000Z');
		const [sent] = await youme.control.requests(commandPath(YoumeCommand.VOLUME_TREND));
		expect(sent.body).toEqual({ QueryDate: '20191210', CountBy: 3 });
	});

	it('gets every category with CountBy All, each point named', async () => {
		const items = await youme.run({
			resource: 'statistics',
			operation: 'getTrend',
			queryDate: '2019-12-10',
			countBy: 0,
		});
		expect(items).toHaveLength(4 * 24);
		expect(new Set(items.map((item) => item.json.CountByName))).toEqual(
			new Set(['Call Duration', 'Rooms', 'Peak Concurrent Users', 'Participants']),
		);
	});

	it('gets the distribution by province and the quality series', async () => {
		const regions = await youme.run({
			resource: 'statistics',
			operation: 'getDistribution',
			queryDate: '2019-12-10',
			countBy: 2,
		});
		expect(regions.map((item) => item.json.Region)).toEqual(
			distributionOfDay(day, 2).map((entry) => entry.Region),
		);
		expect(regions[0].json.CountByName).toBe('Province');

		const quality = await youme.run({
			resource: 'statistics',
			operation: 'getQuality',
			queryDate: '2019-12-10',
		});
		expect(quality.map((item) => item.json.JoinRoomSuccRate)).toEqual(
			qualityOfDay(day).map((point) => point.JoinRoomSuccRate),
		);
		expect(typeof quality[0].json.AudioPackLossRate).toBe('number');
	});

	it('sends the UTC+8 day of an instant from an expression, whatever the workflow time zone', async () => {
		await youme.run(
			{ resource: 'statistics', operation: 'getQuality', queryDate: '2019-12-09T16:30:00Z' },
			{ timezone: 'America/New_York' },
		);
		const [sent] = await youme.control.requests(commandPath(YoumeCommand.QUALITY));
		expect(sent.body).toEqual({ QueryDate: '20191210' });
	});

	it("reads ActionStatus, the status field of Youme's SDK, as well as Status", async () => {
		await youme.control.configure({ statusField: 'ActionStatus' });
		const items = await youme.run({
			resource: 'statistics',
			operation: 'getQuality',
			queryDate: '2019-12-10',
		});
		expect(items).toHaveLength(24);
	});
});
