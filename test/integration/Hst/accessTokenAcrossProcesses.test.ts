import type { INodeType } from 'n8n-workflow';

import { SANDBOX_APPS, SANDBOX_DEVELOPERS } from '../../../sandbox/hst/seed';
import { HstFixture } from '../../support/hstFixture';
import { runNode } from '../../support/n8nHost/executeContext';

/**
 * Queue-mode workers are separate processes: each has its own copy of the node's modules (so its own
 * in-process single-flight) and they share only the stored credential. Here a second copy of the
 * modules, loaded in isolation, plays the second worker; the credential store plays the database,
 * with a save latency so that both "workers" read the credential before either's write lands.
 */
const hst = new HstFixture();
beforeAll(() => hst.start());
afterAll(() => hst.stop());
beforeEach(async () => {
	await hst.control.reset();
	hst.freshCredential();
	hst.store.saveLatencyMs = 30;
});

const listUsers = {
	resource: 'onlineUser',
	operation: 'getMany',
	appId: SANDBOX_APPS.meeting.appId,
	returnAll: true,
};

function loadWorkerCopy(): INodeType {
	let node: INodeType | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Hst } = require('../../../nodes/Hst/Hst.node') as { Hst: new () => INodeType };
		node = new Hst();
	});
	return node!;
}

const workers: INodeType[] = [];
beforeAll(() => {
	workers.push(loadWorkerCopy(), loadWorkerCopy(), loadWorkerCopy());
});

/** `executions` runs on each worker at once; every one must succeed. */
async function runOnAllWorkers(executions: number) {
	const runs = workers.flatMap((node) =>
		Array.from({ length: executions }, () =>
			runNode({ node, parameters: listUsers, store: hst.store, items: [{ json: {} }] }),
		),
	);
	const results = await Promise.all(runs);
	expect(results.every((items) => items.length > 0)).toBe(true);
}

describe('HST access token across processes (queue-mode workers)', () => {
	it('three workers starting with no token fetch one between them', async () => {
		const before = await hst.tokensIssued();
		await runOnAllWorkers(10);
		expect((await hst.tokensIssued()) - before).toBe(1);
	});

	it('a token the gateway expires is replaced once, not once per worker', async () => {
		await runOnAllWorkers(1);
		const before = await hst.tokensIssued();
		await hst.control.expireTokens(SANDBOX_DEVELOPERS.demo.developerId);
		await runOnAllWorkers(10);
		expect((await hst.tokensIssued()) - before).toBe(1);
	});

	it('a token whose lifetime ends is replaced once, though every worker sees the expiry at the same moment', async () => {
		// 6 s lifetime minus the 5 s margin: one second after the fetch, every worker finds it expired.
		await hst.control.configure({ tokenLifetimeSeconds: 6 });
		await runOnAllWorkers(1);
		await hst.control.configure({ tokenLifetimeSeconds: 7200 });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const before = await hst.tokensIssued();
		await runOnAllWorkers(10);
		expect((await hst.tokensIssued()) - before).toBe(1);
	});

	it('leaves the lease cleared once the new token is stored', async () => {
		await runOnAllWorkers(2);
		expect(hst.store.get('hstApi').accessTokenLease).toBe('');
		expect(hst.store.get('hstApi').accessToken).toMatch(/^[0-9a-f]{32}$/);
	});
});
