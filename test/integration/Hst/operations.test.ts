import { HstPath } from '../../../nodes/shared/hst/api';
import { HstStatus } from '../../../nodes/shared/hst/statusCodes';
import { HstService } from '../../../nodes/shared/hst/services';
import { billingRecords } from '../../../sandbox/hst/billing';
import { BILLING_FIXTURE_MONTH, SANDBOX_APPS } from '../../../sandbox/hst/seed';
import { HstFixture } from '../../support/hstFixture';

const hst = new HstFixture();
beforeAll(() => hst.start());
afterAll(() => hst.stop());
beforeEach(async () => {
	await hst.control.reset();
});

const classroom = SANDBOX_APPS.classroom;
const january = {
	startTime: '2026-01-01T00:00:00+08:00',
	endTime: '2026-01-31T23:59:59.999+08:00',
};

describe('app', () => {
	it('creates an app: services as the gateway wants them, status offline when not chosen', async () => {
		const [item] = await hst.run({
			resource: 'app',
			operation: 'create',
			appName: '课堂_demo',
			services: {
				service: [
					{ serviceId: HstService.VIDEO, useLimit: 0 },
					{ serviceId: HstService.RECORDING, useLimit: 500 },
				],
			},
			additionalFields: { consumptionLimit: 300 },
		});
		expect(item.json).toMatchObject({
			app_name: '课堂_demo',
			status: 'offline',
			consumption_limit: 300,
			service: [
				{ service_id: 3, service_name: 'Video' },
				{ service_id: 8, service_name: 'Recording', use_limit: 500 },
			],
		});
		expect(item.json.app_id).toMatch(/^[0-9a-f]{32}$/);
		expect(item.pairedItem).toEqual({ item: 0 });
		const [sent] = await hst.requestsTo(HstPath.APP);
		expect(sent.body).toEqual({
			app_name: '课堂_demo',
			status: 'offline',
			consumption_limit: 300,
			service: [{ service_id: 3 }, { service_id: 8, use_limit: 500 }],
		});
		expect(sent.headers['content-type']).toBe('application/json;charset=UTF-8');
	});

	it('updates only the fields the user added, then deletes the app', async () => {
		const [created] = await hst.run({
			resource: 'app',
			operation: 'create',
			appName: 'to_change',
			services: { service: [{ serviceId: HstService.AUDIO }] },
		});
		const appId = created.json.app_id as string;
		const [updated] = await hst.run({
			resource: 'app',
			operation: 'update',
			appId,
			updateFields: { appName: 'changed_name', status: 'online' },
		});
		expect(updated.json).toMatchObject({
			app_id: appId,
			app_name: 'changed_name',
			status: 'online',
			service: [{ service_id: 4 }],
		});
		const patch = (await hst.requestsTo(HstPath.APP)).find((request) => request.method === 'PATCH');
		expect(patch?.body).toEqual({ app_id: appId, app_name: 'changed_name', status: 'online' });

		const [deleted] = await hst.run({ resource: 'app', operation: 'delete', appId });
		expect(deleted.json).toEqual({ app_id: appId, deleted: true });
		const removal = (await hst.requestsTo(HstPath.APP)).find(
			(request) => request.method === 'DELETE',
		);
		expect(removal?.query).toEqual({ app_id: appId });

		await expect(hst.run({ resource: 'app', operation: 'delete', appId })).rejects.toMatchObject({
			message: `HST ${HstStatus.BAD_PARAMETER}: A parameter is invalid`,
			description: expect.stringContaining(`HST says "bad parameter app_id: no app ${appId}`),
		});
	});
});

describe('billing records', () => {
	const expected = billingRecords(
		[
			{ appId: SANDBOX_APPS.classroom.appId, appName: SANDBOX_APPS.classroom.appName },
			{ appId: SANDBOX_APPS.meeting.appId, appName: SANDBOX_APPS.meeting.appName },
		],
		BILLING_FIXTURE_MONTH.start,
		BILLING_FIXTURE_MONTH.end,
	);

	it('returns every record of the period across pages of 100, in the gateway order', async () => {
		expect(expected.length).toBeGreaterThan(300);
		const items = await hst.run({
			resource: 'billingRecord',
			operation: 'getMany',
			...january,
			returnAll: true,
		});
		expect(items.map((item) => item.json.stream_id)).toEqual(
			expected.map((record) => record.stream_id),
		);
		const pages = await hst.requestsTo(HstPath.BILLING_RECORDS);
		expect(pages.map((page) => page.query.page)).toEqual(
			Array.from({ length: Math.floor(expected.length / 100) + 1 }, (_, index) =>
				String(index + 1),
			),
		);
		expect(new Set(pages.map((page) => page.query.page_size))).toEqual(new Set(['100']));
		expect(pages[0].query).toMatchObject({
			start_time: String(BILLING_FIXTURE_MONTH.start),
			end_time: String(BILLING_FIXTURE_MONTH.end),
		});
		expect(items[0].json.charge_term_name).toEqual(expect.any(String));
	});

	it('stops at the limit, with pages sized to it', async () => {
		const items = await hst.run({
			resource: 'billingRecord',
			operation: 'getMany',
			...january,
			limit: 130,
		});
		expect(items).toHaveLength(130);
		expect(items.map((item) => item.json.stream_id)).toEqual(
			expected.slice(0, 130).map((record) => record.stream_id),
		);
		expect(
			(await hst.requestsTo(HstPath.BILLING_RECORDS)).map((page) => page.query.page_size),
		).toEqual(['100', '100']);
	});

	it('reads date picker values in the workflow time zone and filters by app', async () => {
		const items = await hst.run({
			resource: 'billingRecord',
			operation: 'getMany',
			startTime: '2026-01-10T00:00:00',
			endTime: '2026-01-10T23:59:59',
			returnAll: true,
			filters: { appId: classroom.appId },
		});
		const [page] = await hst.requestsTo(HstPath.BILLING_RECORDS);
		expect(page.query).toMatchObject({
			start_time: String(Date.parse('2026-01-10T00:00:00+08:00')),
			end_time: String(Date.parse('2026-01-10T23:59:59+08:00')),
			app_id: classroom.appId,
		});
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((item) => item.json.app_id === classroom.appId)).toBe(true);
	});
});

describe('online users', () => {
	it('lists every user state, one item per terminal, with an online flag', async () => {
		const items = await hst.run({
			resource: 'onlineUser',
			operation: 'getMany',
			appId: classroom.appId,
			returnAll: true,
		});
		expect(items.length).toBeGreaterThanOrEqual(classroom.userIds.length);
		expect(new Set(items.map((item) => item.json.user_id))).toEqual(new Set(classroom.userIds));
		expect(items.some((item) => item.json.online === false)).toBe(true);
		for (const item of items) expect(item.json.online).toBe(item.json.state === 1);
		const [first] = await hst.requestsTo(HstPath.ONLINE_USER_STATE);
		expect(Number(first.query.msg_id)).toBeGreaterThan(0);
	});

	it('pages by the limit and echoes the chosen message ID', async () => {
		const items = await hst.run({
			resource: 'onlineUser',
			operation: 'getMany',
			appId: classroom.appId,
			limit: 30,
			options: { msgId: 4242 },
		});
		expect(items).toHaveLength(30);
		expect(
			items.every((item) => item.json.msg_id === undefined && item.json.app_id === classroom.appId),
		).toBe(true);
		const pages = await hst.requestsTo(HstPath.ONLINE_USER_STATE);
		expect(pages.map((page) => [page.query.page, page.query.page_size, page.query.msg_id])).toEqual(
			[['1', '30', '4242']],
		);
	});

	it('kicks a user out of one terminal type, then refuses a user with nothing to kick', async () => {
		const [teacher] = await hst.run({
			resource: 'onlineUser',
			operation: 'getMany',
			appId: classroom.appId,
			limit: 1,
		});
		const [kicked] = await hst.run({
			resource: 'onlineUser',
			operation: 'kickOut',
			appId: classroom.appId,
			userId: teacher.json.user_id as string,
			options: { mutexType: teacher.json.mutex_type as string },
		});
		expect(kicked.json).toEqual({
			app_id: classroom.appId,
			user_id: teacher.json.user_id,
			mutex_type: teacher.json.mutex_type,
			kicked_out: true,
		});
		await expect(
			hst.run({
				resource: 'onlineUser',
				operation: 'kickOut',
				appId: classroom.appId,
				userId: 'nobody',
			}),
		).rejects.toMatchObject({ message: `HST ${HstStatus.OPERATION_FAILED}: Operation failed` });
	});

	it('sends a command and reports delivery per terminal', async () => {
		const states = await hst.run({
			resource: 'onlineUser',
			operation: 'getMany',
			appId: classroom.appId,
			returnAll: true,
		});
		const online = states.find((item) => item.json.online)!.json;
		const offline = states.find((item) => !item.json.online)!.json;
		const items = await hst.run({
			resource: 'onlineUser',
			operation: 'sendCommand',
			appId: classroom.appId,
			terminals: {
				terminal: [
					{
						userId: String(online.user_id),
						mutexType: String(online.mutex_type),
						clientGuid: String(online.terminal_seq_num),
					},
					{ userId: String(offline.user_id), mutexType: 'pc', clientGuid: 'gone' },
				],
			},
			message: '{"action":"mute","reason":"quiet please"}',
			options: { msgId: 77 },
		});
		expect(
			items.map((item) => [
				item.json.user_id,
				item.json.result,
				item.json.delivered,
				item.json.msg_id,
			]),
		).toEqual([
			[online.user_id, 0, true, 77],
			[offline.user_id, 2, false, 77],
		]);
		const [command] = await hst.control.commands();
		expect(command.message).toEqual({ action: 'mute', reason: 'quiet please' });
	});

	it('invites users into a group and names the ones it could not reach', async () => {
		const states = await hst.run({
			resource: 'onlineUser',
			operation: 'getMany',
			appId: classroom.appId,
			returnAll: true,
		});
		const online = states.find((item) => item.json.online)!.json.user_id as string;
		const offline = states.find((item) => !item.json.online)!.json.user_id as string;
		const [item] = await hst.run({
			resource: 'onlineUser',
			operation: 'invite',
			appId: classroom.appId,
			groupId: 'room-101',
			userIds: `${online}, ${offline}`,
			options: { extendInfo: '{"topic":"maths"}' },
		});
		expect(item.json).toMatchObject({
			group_id: 'room-101',
			invited_user_ids: [online],
			failed_user_ids: [offline],
			all_reached: false,
		});
		const [invite] = await hst.control.invites();
		expect(invite).toMatchObject({
			groupId: 'room-101',
			userIds: [online, offline],
			extendInfo: { topic: 'maths' },
		});
		expect(invite.seqId).toBe(item.json.seq_id);
	});
});
