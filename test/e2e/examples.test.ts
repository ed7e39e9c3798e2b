import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { request } from 'undici';

import { EgwEvent } from '../../nodes/shared/hst/egw';
import { HstRecordPath, HstRecordStatus } from '../../nodes/shared/hst/recording';
import { EgwControl } from '../../sandbox/hst/egwControl';
import { HstGatewayControl } from '../../sandbox/hst/gatewayControl';
import { SANDBOX_APPS } from '../../sandbox/hst/seed';
import { sandboxClientToken } from '../../sandbox/mediaGateway/clientToken';
import { SANDBOX_MEDIA_GATEWAY } from '../../sandbox/mediaGateway/seed';
import { wechatExchange } from '../../sandbox/mediaGateway/wechatClient';
import { SlackSinkControl } from '../../sandbox/slack/control';
import { deployExamples, loadExamples, type DeployedExample } from '../../scripts/mainJob/examples';
import { e2eContext, n8nApi } from './harness/context';
import { until } from '../support/waiting';

jest.setTimeout(180_000);

const context = e2eContext();
const hst = new HstGatewayControl(context.sandbox.hstGateway);
const egw = new EgwControl(context.sandbox.egw);
const slack = new SlackSinkControl(new URL(context.sandbox.slackWebhook).origin);
const yesterday = DateTime.now().setZone('Asia/Shanghai').minus({ days: 1 }).toFormat('yyyy-MM-dd');

/** The examples as `npm start` publishes them: same building blocks, this run's n8n and sandbox. */
describe('example workflows (npm start setup)', () => {
	let deployed: DeployedExample[];
	const byFile = (prefix: string) => deployed.find((example) => example.file.startsWith(prefix))!;

	beforeAll(async () => {
		await slack.reset();
		deployed = await deployExamples(n8nApi(), context.credentials, context.sandbox.slackWebhook);
	});

	afterAll(async () => {
		for (const example of deployed) if (example.active) await n8nApi().deactivate(example.id);
	});

	it('imports and publishes every example, each with a sticky note', () => {
		expect(deployed.map((example) => [example.file, example.active])).toEqual(
			loadExamples().map((example) => [example.file, true]),
		);
		for (const example of loadExamples()) {
			expect(example.workflow.nodes.some((node) => node.type === 'n8n-nodes-base.stickyNote')).toBe(
				true,
			);
		}
	});

	it('1: a teacher joining a room makes the workflow invite online students, seen at the HST emulator', async () => {
		await until(
			async () =>
				(await egw.sessions()).some((session) =>
					session.apps.includes(SANDBOX_APPS.classroom.appId),
				)
					? true
					: undefined,
			'the trigger',
		);
		await egw.push({
			appId: SANDBOX_APPS.classroom.appId,
			id: EgwEvent.USER_JOINED,
			groupId: 'room-101',
			userId: 'teacher03',
		});
		const invite = await until(
			async () =>
				(await hst.invites()).find((received) => received.extendInfo?.invitedBy === 'teacher03'),
			'the invite',
		);
		expect(invite.groupId).toBe('room-101');
		expect(invite.userIds.length).toBeGreaterThan(0);
		expect(invite.userIds.length).toBeLessThanOrEqual(5);
		expect(invite.userIds.every((userId) => userId.startsWith('student'))).toBe(true);
		expect(invite.failedUserIds).toEqual([]);
	});

	it("2: the daily QoS report posts yesterday's summary to Slack", async () => {
		const example = byFile('2-');
		const execution = await n8nApi().finishedExecution(
			await n8nApi().runManually(example.id, 'Every Morning'),
		);
		expect(execution.status).toBe('success');
		const message = await until(
			async () =>
				(await slack.messages()).find((received) => received.text?.includes('quality report')),
			'the Slack message',
		);
		expect(message.text).toContain(`*Youme RTC quality report for ${yesterday} (UTC+8)*`);
		expect(message.text).toMatch(/Join success rate: \d+\.\d\d% on average/);
		expect(message.text).toMatch(/Worst hours \(join success rate\): \d\d:00 \d+\.\d%/);
	});

	it('3: a mini-program client is answered by the media gateway workflow', async () => {
		const reply = await wechatExchange({
			gateway: `${context.n8nUrl}/webhook/media-gateway`,
			roomId: 'room-ex',
			userId: 'grace',
		});
		expect(reply.answer).toMatchObject({
			resultCode: 10000,
			clusterId: context.sandbox.streamServer,
			rtmpPublishList: [{ uri: 'rtmp://127.0.0.1:1935/live/room-ex_grace' }],
			publishList: [{ msid: 'room-ex_grace_audio' }, { msid: 'room-ex_grace_video' }],
		});
	});

	it('3: only clients with a token of the app server for their room get in; the others start nothing', async () => {
		const example = byFile('3-');
		// The client of the test before is answered before its execution is saved: wait for that first.
		const settled = async () => {
			let seen = -1;
			for (;;) {
				const executions = await n8nApi().executions(example.id);
				if (executions.length === seen && executions.every((execution) => execution.finished))
					return seen;
				seen = executions.length;
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
		};
		const before = await settled();
		const gateway = `${context.n8nUrl}/webhook/media-gateway`;
		const otherRoom = sandboxClientToken({
			appKey: SANDBOX_MEDIA_GATEWAY.appKey,
			roomId: 'room-other',
			userId: 'grace',
		});
		const refused = [
			await wechatExchange({ gateway, roomId: 'room-ex', userId: 'grace', token: otherRoom }),
			await wechatExchange({ gateway, roomId: 'room-ex', userId: 'grace', token: 'voip-token' }),
		];
		expect(refused.map((reply) => [reply.status, reply.answer?.resultCode])).toEqual([
			[403, 40301],
			[401, 40102],
		]);
		expect(await settled()).toBe(before);
	});

	it("4: the billing summary posts yesterday's totals per app to Slack", async () => {
		const execution = await n8nApi().finishedExecution(
			await n8nApi().runManually(byFile('4-').id, 'Every Morning'),
		);
		expect(execution.status).toBe('success');
		const message = await until(
			async () =>
				(await slack.messages()).find((received) => received.text?.includes('HST billing')),
			'the Slack message',
		);
		expect(message.text).toMatch(
			new RegExp(
				`^\\*HST billing for ${yesterday} \\(UTC\\+8\\)\\*: ¥\\d+\\.\\d\\d in \\d+ records`,
			),
		);
		expect(message.text).toContain('• demo_classroom: ¥');
	});

	it('5: a teacher joining starts an automatic recording, leaving stops it, the done recording goes to Slack', async () => {
		const classroom = SANDBOX_APPS.classroom.appId;
		// Examples 1 and 5 both follow the classroom app: one event gateway session each.
		await until(
			async () =>
				(await egw.sessions()).filter((session) => session.apps.includes(classroom)).length >= 2
					? true
					: undefined,
			'both classroom triggers',
		);
		await hst.configure({ recordingStepMs: 0 });
		const before = new Set(
			(await hst.recordings(classroom, 'room-102')).map((task) => task.record_id),
		);
		await egw.push({
			appId: classroom,
			id: EgwEvent.USER_JOINED,
			groupId: 'room-102',
			userId: 'teacher04',
		});
		const started = await until(
			async () =>
				(await hst.recordings(classroom, 'room-102')).find((task) => !before.has(task.record_id)),
			'the recording the workflow starts',
		);
		expect(started).toMatchObject({ auto: true, status: HstRecordStatus.INITIALIZED });
		expect(
			(await hst.requests(HstRecordPath.INIT))
				.filter((received) => (received.body as Record<string, unknown>)?.group_id === 'room-102')
				.at(-1)?.body,
		).toMatchObject({
			auto: { type: 2, user_id: 'teacher04' },
			file_name: expect.stringMatching(/^room-102_\d{4}-\d\d-\d\d$/),
		});
		await hst.advanceRecordings({ recordId: started.record_id });

		// A second teacher joining the running class starts nothing new: once its execution has read the
		// room's recordings (the recording running), the first teacher may leave.
		const listsOfRoom = async () =>
			(await hst.requests(HstRecordPath.TASK_LIST)).filter(
				(received) => received.query.group_id === 'room-102',
			).length;
		const listed = await listsOfRoom();
		await egw.push({
			appId: classroom,
			id: EgwEvent.USER_JOINED,
			groupId: 'room-102',
			userId: 'teacher02',
		});
		await until(
			async () => ((await listsOfRoom()) > listed ? true : undefined),
			"the second teacher's look at the room's recordings",
		);
		await egw.push({
			appId: classroom,
			id: EgwEvent.USER_LEFT,
			groupId: 'room-102',
			userId: 'teacher04',
		});
		await until(
			async () => ((await statusIn('room-102', started.record_id)) === 3 ? true : undefined),
			'the workflow to stop the recording',
		);

		for (let step = 0; step < 3; step++)
			await hst.advanceRecordings({ recordId: started.record_id });
		const message = await until(
			async () =>
				(await slack.messages()).find((received) => received.text?.includes(started.record_id)),
			'the Slack message',
		);
		expect(message.text).toMatch(
			new RegExp(`^\\*Recording of room-102 is ready\\* \\(${started.record_id}, 1 file\\)`),
		);
		const [, url, md5] = /<([^|>]+)\|file 1> \(md5 ([0-9a-f]{32})\)/.exec(message.text!)!;
		const response = await request(url);
		const bytes = Buffer.from(await response.body.arrayBuffer());
		expect(response.statusCode).toBe(200);
		expect(createHash('md5').update(bytes).digest('hex')).toBe(md5);
		expect(
			(await hst.recordings(classroom, 'room-102')).filter((task) => !before.has(task.record_id)),
		).toHaveLength(1);
		await hst.configure({ recordingStepMs: 2000 });
	});
});

async function statusIn(groupId: string, recordId: string) {
	const tasks = await hst.recordings(SANDBOX_APPS.classroom.appId, groupId);
	return tasks.find((task) => task.record_id === recordId)?.status;
}
