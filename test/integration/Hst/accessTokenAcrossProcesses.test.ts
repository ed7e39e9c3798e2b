import type { ICredentialType, INodeType } from 'n8n-workflow';

import { HstPath } from '../../../nodes/shared/hst/api';
import { HstStatus } from '../../../nodes/shared/hst/statusCodes';
import { SANDBOX_APPS, SANDBOX_DEVELOPERS } from '../../../sandbox/hst/seed';
import { HstFixture } from '../../support/hstFixture';
import type { CredentialStore } from '../../support/n8nHost/credentialStore';
import { runNode } from '../../support/n8nHost/executeContext';
import { clusters } from '../../support/timeClusters';

/**
 * Queue-mode workers are separate processes: each has its own copy of the package's modules (its own
 * renewals in flight, its own fetcher id in the credential) and they share only the stored credential.
 * Here each "worker" is a copy of the node and credential modules loaded in isolation, reading and
 * writing one credential database whose saves take time, so workers see each other's writes late.
 */
jest.setTimeout(60_000);

const hst = new HstFixture();
const demo = SANDBOX_DEVELOPERS.demo;
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

interface WorkerModules {
	node: INodeType;
	credentialType: ICredentialType;
}

async function loadWorkerModules(): Promise<WorkerModules> {
	let loaded: WorkerModules | undefined;
	await jest.isolateModulesAsync(async () => {
		const { Hst } = await import('../../../nodes/Hst/Hst.node');
		const { HstApi } = await import('../../../credentials/HstApi.credentials');
		loaded = { node: new Hst(), credentialType: new HstApi() };
	});
	return loaded!;
}

const workerModules: WorkerModules[] = [];
beforeAll(async () => {
	for (let worker = 0; worker < 3; worker++) workerModules.push(await loadWorkerModules());
});

/** Each worker's clock minus the true time (all 0 unless a test skews them). */
let clockSkewsMs = [0, 0, 0];
beforeEach(() => {
	clockSkewsMs = [0, 0, 0];
});

/** The workers' views of this test's credential database, each through its own clock. */
const workerStores = (): CredentialStore[] =>
	workerModules.map((modules, worker) =>
		hst.store.sharedWith(
			{ hstApi: modules.credentialType },
			{ skewMs: clockSkewsMs[worker], timeFields: ['accessTokenExpiresAt'] },
		),
	);

type Outcome = { ok: true } | { ok: false; message: string };

/** `executions` runs on each worker at once (the first `only` workers when given). */
async function runOnWorkers(
	executions: number,
	options: { credentialId?: string; only?: number } = {},
): Promise<Outcome[]> {
	const stores = workerStores().slice(0, options.only ?? workerModules.length);
	const runs = stores.flatMap((store, worker) =>
		Array.from({ length: executions }, () =>
			runNode({
				node: workerModules[worker].node,
				parameters: listUsers,
				store,
				credentialIds: options.credentialId ? { hstApi: options.credentialId } : undefined,
			}).then(
				(items): Outcome => (items.length > 0 ? { ok: true } : { ok: false, message: 'no items' }),
				(error: Error): Outcome => ({ ok: false, message: error.message }),
			),
		),
	);
	return await Promise.all(runs);
}

const failures = (outcomes: Outcome[]) => outcomes.filter((outcome) => !outcome.ok);
const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('HST access token across processes (queue-mode workers)', () => {
	it('three workers starting at once with no token: every execution succeeds, at most one fetch per worker', async () => {
		const before = await hst.tokensIssued();
		expect(failures(await runOnWorkers(10))).toEqual([]);
		const fetched = (await hst.tokensIssued()) - before;
		expect(fetched).toBeGreaterThanOrEqual(1);
		expect(fetched).toBeLessThanOrEqual(3);
	});

	it('ten expiries by the gateway under load on every worker: no execution fails, about one fetch per expiry', async () => {
		expect(failures(await runOnWorkers(1))).toEqual([]);
		const perExpiry: number[] = [];
		for (let expiry = 0; expiry < 10; expiry++) {
			const before = await hst.tokensIssued();
			await hst.control.expireTokens(demo.developerId);
			expect(failures(await runOnWorkers(10))).toEqual([]);
			perExpiry.push((await hst.tokensIssued()) - before);
		}
		process.stdout.write(`gateway expiries, fetches per expiry: ${perExpiry.join(' ')}\n`);
		expect(Math.min(...perExpiry)).toBeGreaterThanOrEqual(1);
		expect(Math.max(...perExpiry)).toBeLessThanOrEqual(3);
		expect(median(perExpiry)).toBe(1);
	});

	it('ten lifetime ends, seen by every worker at the same moment: no execution fails, about one fetch each', async () => {
		// 6 s lifetime minus the 5 s margin: one second after a fetch every worker finds the token expired.
		await hst.control.configure({ tokenLifetimeSeconds: 6 });
		expect(failures(await runOnWorkers(1))).toEqual([]);
		const perExpiry: number[] = [];
		for (let expiry = 0; expiry < 10; expiry++) {
			await new Promise((resolve) => setTimeout(resolve, 1100));
			const before = await hst.tokensIssued();
			expect(failures(await runOnWorkers(10))).toEqual([]);
			perExpiry.push((await hst.tokensIssued()) - before);
		}
		process.stdout.write(`lifetime ends, fetches per expiry: ${perExpiry.join(' ')}\n`);
		expect(Math.max(...perExpiry)).toBeLessThanOrEqual(3);
		expect(median(perExpiry)).toBe(1);
	});

	it('worst case, every worker fetching at once and saves landing in any order: no execution fails', async () => {
		// Saves take 0 to 80 ms each, so a token fetched earlier can be stored after a later one.
		hst.store.saveLatencyMs = () => Math.floor(Math.random() * 80);
		for (let round = 0; round < 5; round++) {
			// No token and no fetcher recorded: nobody staggers, every worker fetches at once.
			hst.store.set('hstApi', {
				...hst.store.get('hstApi'),
				accessToken: '',
				accessTokenFetchedBy: '',
			});
			expect(failures(await runOnWorkers(10))).toEqual([]);
			await hst.control.expireTokens(demo.developerId);
			expect(failures(await runOnWorkers(10))).toEqual([]);
		}
	});

	it("the same under n8n 1.x's save (the data the node sent, with the output on top)", async () => {
		hst.store.saveMode = '1.x';
		expect(failures(await runOnWorkers(1))).toEqual([]);
		for (let expiry = 0; expiry < 3; expiry++) {
			await hst.control.expireTokens(demo.developerId);
			expect(failures(await runOnWorkers(10))).toEqual([]);
		}
	});

	it('clocks 3 s slow, right and 3 s fast with 10 s tokens: no execution fails; the fast clock renews first, the others adopt', async () => {
		// Proportionally far more skew than ±30 s against HST's 7200 s: a token counts as expired 2 s
		// (fast), 5 s (right) or 8 s (slow) after its fetch, and HST ends it at 10 s.
		clockSkewsMs = [-3_000, 0, 3_000];
		await hst.control.configure({ tokenLifetimeSeconds: 10 });
		expect(failures(await runOnWorkers(1))).toEqual([]);
		const since = Date.now();
		const outcomes: Outcome[] = [];
		while (Date.now() - since < 16_000) outcomes.push(...(await runOnWorkers(3)));
		const fetches = (await hst.requestsTo(HstPath.ACCESS_TOKEN))
			.filter((request) => request.at >= since && request.outcome.code === HstStatus.OK)
			.map((request) => request.at);
		const perRenewal = clusters(fetches, 1_500).map((cluster) => cluster.length);
		process.stdout.write(
			`clock skew: ${outcomes.length} executions, fetches per renewal: ${perRenewal.join(' ')}\n`,
		);
		expect(failures(outcomes)).toEqual([]);
		expect(perRenewal.length).toBeGreaterThanOrEqual(3);
		expect(median(perRenewal)).toBe(1);
	});

	it('a wrong secret fails every waiting execution on every worker with 606000000, while the right one renews on the others', async () => {
		hst.addCredential('wrong', demo, { developerSecret: 'wrong-secret-16c' });
		expect(failures(await runOnWorkers(1))).toEqual([]);
		await hst.control.expireTokens(demo.developerId);
		await hst.control.configure({ latencyMs: 100 });
		const [right, wrong] = await Promise.all([
			runOnWorkers(10, { only: 2 }),
			runOnWorkers(10, { credentialId: 'wrong' }),
		]);
		expect(failures(right)).toEqual([]);
		expect(wrong).toEqual(
			Array(30).fill({
				ok: false,
				message: expect.stringContaining(
					`HST refused to issue an access token: ${HstStatus.AUTHENTICATION_FAILED}`,
				),
			}),
		);
		expect(hst.store.get('hstApi', 'wrong').accessToken).toBe('');
	});
});
