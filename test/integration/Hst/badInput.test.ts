import { NodeOperationError } from 'n8n-workflow';

import { HstPath } from '../../../nodes/shared/hst/api';
import { SANDBOX_APPS } from '../../../sandbox/hst/seed';
import { HstFixture } from '../../support/hstFixture';

const hst = new HstFixture();
beforeAll(() => hst.start());
afterAll(() => hst.stop());
beforeEach(async () => {
	await hst.control.reset();
});

const createApp = (appName: string) => ({
	resource: 'app',
	operation: 'create',
	appName,
	services: { service: [{ serviceId: 3 }] },
});

describe('bad parameters are refused before any request, naming the field', () => {
	it.each([
		[
			'App Name',
			createApp('my app 1'),
			'Chinese or English letters and underscores only; got "my app 1"',
		],
		['App Name', createApp(''), 'is empty'],
		['Services', { ...createApp('ok'), services: {} }, 'add at least one service'],
		[
			'Services',
			{ ...createApp('ok'), services: { service: [{ serviceId: 3 }, { serviceId: 3 }] } },
			'Video is listed twice',
		],
		[
			'Update Fields',
			{ resource: 'app', operation: 'update', appId: 'x', updateFields: {} },
			'add at least one field',
		],
		[
			'End Time',
			{
				resource: 'billingRecord',
				operation: 'getMany',
				startTime: '2026-02-01',
				endTime: '2026-01-01',
			},
			'is before Start Time',
		],
		[
			'Start Time',
			{
				resource: 'billingRecord',
				operation: 'getMany',
				startTime: 'last tuesday',
				endTime: '2026-01-01',
			},
			'is not a date',
		],
		[
			'Limit',
			{ resource: 'onlineUser', operation: 'getMany', appId: 'a', limit: 2.5 },
			'must be a whole number',
		],
		[
			'User IDs',
			{ resource: 'onlineUser', operation: 'invite', appId: 'a', groupId: 'g', userIds: ' , ' },
			'give at least one ID',
		],
		[
			'Message',
			{
				resource: 'onlineUser',
				operation: 'sendCommand',
				appId: 'a',
				terminals: { terminal: [{ userId: 'u', mutexType: 'pc', clientGuid: 'c' }] },
				message: '[1,2]',
			},
			'must be a JSON object',
		],
		[
			'Terminals',
			{
				resource: 'onlineUser',
				operation: 'sendCommand',
				appId: 'a',
				terminals: { terminal: [{ userId: 'u', mutexType: '', clientGuid: '' }] },
				message: '{}',
			},
			'terminal 1 has no Mutex Type, Client GUID',
		],
	])('%s: %p', async (label, parameters, problem) => {
		const failure = await hst.run(parameters).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect((failure as Error).message).toBe(
			`${label}: ${(failure as Error).message.slice(label.length + 2)}`,
		);
		expect((failure as Error).message).toContain(problem);
		expect(await hst.control.requests()).toHaveLength(0);
	});
});

describe('continue on fail', () => {
	const perItem = (itemIndex: number) =>
		itemIndex === 1
			? createApp('bad name!')
			: itemIndex === 2
				? { resource: 'app', operation: 'delete', appId: 'no-such-app' }
				: createApp(`good_${'abc'[itemIndex]}`);

	it('turns each failing item into an error item paired to its input while the others go on', async () => {
		const items = await hst.run(
			(itemIndex) => createApp(itemIndex === 1 ? 'bad name!' : `good_${'abc'[itemIndex]}`),
			{
				items: 3,
				continueOnFail: true,
			},
		);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.app_name).toBe('good_a');
		expect(items[1].json.error).toContain(
			'App Name: Chinese or English letters and underscores only',
		);
		expect(items[2].json.app_name).toBe('good_c');
	});

	it('reports vendor failures with code, meaning and HST message on the failed item only', async () => {
		const items = await hst.run(
			(itemIndex) =>
				itemIndex === 1
					? { resource: 'app', operation: 'delete', appId: 'no-such-app' }
					: { resource: 'app', operation: 'delete', appId: SANDBOX_APPS.meeting.appId },
			{ items: 2, continueOnFail: true },
		);
		expect(items[0].json).toEqual({ app_id: SANDBOX_APPS.meeting.appId, deleted: true });
		expect(items[1].json).toEqual({
			error: 'HST 606000003: A parameter is invalid',
			description: `HST says "bad parameter app_id: no app no-such-app in this developer account" (DELETE ${HstPath.APP})`,
		});
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});

	it('without continue on fail, stops at the first failing item and names it', async () => {
		const failure = await hst
			.run((itemIndex) => perItem(itemIndex), { items: 3 })
			.catch((error: NodeOperationError) => error);
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect((failure as NodeOperationError).context.itemIndex).toBe(1);
		const creates = (await hst.requestsTo(HstPath.APP)).filter(
			(request) => request.method === 'POST',
		);
		expect(creates).toHaveLength(1);
	});
});
