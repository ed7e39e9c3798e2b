import { SANDBOX_APPS } from '../../sandbox/hst/seed';
import { HstFixture } from '../support/hstFixture';
import { YoumeFixture } from '../support/youmeFixture';

/**
 * n8n reads a credential from its database and decrypts it on every read, so the action nodes read
 * each credential once per node run (as n8n's declarative nodes do) instead of once or twice per call.
 * What the run reads is never another run's, and a renewed HST token reaches the rest of the run.
 */
const hst = new HstFixture();
const youme = new YoumeFixture();
beforeAll(async () => {
	await hst.start();
	await youme.start();
});
afterAll(async () => {
	await hst.stop();
	await youme.stop();
});
beforeEach(async () => {
	await hst.control.reset();
	await youme.control.reset();
	hst.freshCredential();
	youme.credential();
});

const listUsers = {
	resource: 'onlineUser',
	operation: 'getMany',
	appId: SANDBOX_APPS.classroom.appId,
	limit: 5,
	requestOptions: { concurrency: 4 },
};
const roomInfo = {
	resource: 'room',
	operation: 'get',
	roomId: 'room-beta',
	options: { beginTime: '2019-12-10T00:00:00+08:00', endTime: '2019-12-10T23:59:59+08:00' },
	requestOptions: { concurrency: 4 },
};

describe('credential reads per node run', () => {
	it('HST: 20 items, 4 at a time, read the credential once, and every call is sent', async () => {
		await hst.run(listUsers, { items: 1 }); // a token is stored
		await hst.control.clearRequests();
		const reads = jest.spyOn(hst.store, 'get');
		const items = await hst.run(listUsers, { items: 20 });
		expect(reads.mock.calls.filter(([type]) => type === 'hstApi')).toHaveLength(1);
		expect(new Set(items.map((item) => (item.pairedItem as { item: number }).item)).size).toBe(20);
		expect(await hst.control.requests('/v1/online/user/state')).toHaveLength(20);
	});

	it('HST: a token the gateway expires in the middle of a run is renewed once, and the rest of the run uses the new one', async () => {
		await hst.run(listUsers, { items: 1 });
		const before = await hst.tokensIssued();
		await hst.control.expireTokens(hst.developer.developerId);
		await hst.control.clearRequests();
		const items = await hst.run(
			{ ...listUsers, requestOptions: { concurrency: 1 } },
			{ items: 10 },
		);
		expect(items.length).toBeGreaterThanOrEqual(10);
		expect((await hst.tokensIssued()) - before).toBe(1);
		const sent = await hst.control.requests('/v1/online/user/state');
		// The first call is refused with the expired token and sent again; the nine after it carry the new one.
		expect(sent.map((request) => request.outcome.code)).toEqual([606000001, ...Array(10).fill(0)]);
	});

	it('Youme: 20 items read the credential once (n8n does not read it again to sign), each request signed anew', async () => {
		const reads = jest.spyOn(youme.store, 'get');
		const items = await youme.run(roomInfo, { items: 20 });
		expect(reads.mock.calls.filter(([type]) => type === 'youmeApi')).toHaveLength(1);
		expect(new Set(items.map((item) => (item.pairedItem as { item: number }).item)).size).toBe(20);
		const sent = await youme.control.requests('/v2/video/query_room_info');
		expect(sent).toHaveLength(20);
		expect(new Set(sent.map((request) => request.query.seq)).size).toBe(20);
	});

	it('each run reads again: a credential edited between two runs is used by the second', async () => {
		await youme.run(roomInfo, { items: 2 });
		youme.credential({ appSecret: 'edited-wrong-secret' });
		await expect(youme.run(roomInfo, { items: 2 })).rejects.toThrow(/-40002/);
	});
});
