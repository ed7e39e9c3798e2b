import { isDeepStrictEqual } from 'node:util';

import type { IDataObject } from 'n8n-workflow';
import { setGlobalDispatcher, Agent } from 'undici';

import { cloneState, stateFromSync } from '../../nodes/HstEventTrigger/ledger';
import { EgwEvent } from '../../nodes/shared/hst/egw';
import { EgwFixture, MEETING, appsParameter } from '../support/egwFixture';
import { replay } from '../support/egwGroundTruth';
import { countOf, handlesOnceSettled, openHandles } from '../support/openHandles';
import { WorkflowStaticData } from '../support/n8nHost/triggerContext';
import { waitFor } from '../support/waiting';

jest.setTimeout(600_000);

const egw = EgwFixture.forSuite();

const subscribed = async () =>
	(await egw.egwControl.sessions()).some(
		(session) => !session.deaf && session.apps.includes(MEETING),
	);

describe('HST Event Trigger soak', () => {
	it('keeps a steady stream exact through 100 forced disconnects, half-open connections and version gaps', async () => {
		await egw.egwControl.reset();
		const start = stateFromSync(await egw.egwControl.state(MEETING));
		const baseVersion = (await egw.egwControl.state(MEETING)).version;
		const run = await egw.activate({
			...appsParameter({ appId: MEETING }),
			options: { heartbeatInterval: 1, maxReconnectDelay: 1, maxReconnectAttempts: 0 },
		});
		await egw.egwControl.startGenerator({
			appId: MEETING,
			rate: 300,
			seed: 11,
			groups: 6,
			users: 30,
		});
		const faults = { drop: 0, halfOpen: 0, gaps: 0 };
		for (let round = 0; round < 100; round++) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			if (round % 4 === 1) {
				await egw.egwControl.fault('skipVersions', { appId: MEETING, count: 3 });
				await egw.egwControl.fault('loseEvents', { appId: MEETING, count: 5 });
				faults.gaps += 1;
			}
			if (round % 10 === 5) {
				await egw.egwControl.fault('halfOpen', { appId: MEETING });
				faults.halfOpen += 1;
			} else {
				await egw.egwControl.fault('drop', { appId: MEETING });
				faults.drop += 1;
			}
			await waitFor(subscribed, 30_000);
		}
		const { generated } = await egw.egwControl.stopGenerator(MEETING);
		const final = await egw.egwControl.state(MEETING);
		await waitFor(() => run.items.some((item) => Number(item.version) >= final.version), 60_000);
		await new Promise((resolve) => setTimeout(resolve, 500));

		const log = await egw.egwControl.log(MEETING, baseVersion);
		const live = run.items.filter((item) => !item.recovered);
		const recovered = run.items.filter((item) => item.recovered);
		const liveVersions = live.map((item) => Number(item.version));
		// 0 duplicated: each live version once, in order, exactly as the gateway logged it.
		expect(new Set(liveVersions).size).toBe(liveVersions.length);
		expect([...liveVersions].sort((a, b) => a - b)).toEqual(liveVersions);
		const byVersion = new Map(log.map((frame) => [frame.version, frame]));
		for (const item of live) {
			const frame = byVersion.get(Number(item.version))!;
			expect([item.eventId, item.groupId, item.userId]).toEqual([
				frame.id,
				frame.group_id,
				frame.user_id,
			]);
		}
		// 0 lost: the emitted stream replayed gives the gateway's final state.
		expect(replay(start, run.items)).toEqual(stateFromSync(final));
		expect(run.errors).toEqual([]);
		process.stdout.write(
			`soak chaos: ${generated} events, ${faults.drop} drops, ${faults.halfOpen} half-open, ${faults.gaps} gaps → ${live.length} live + ${recovered.length} recovered, 0 duplicated, final state equal\n`,
		);
	});

	it('keeps a steady stream exact through 20 restarts of the trigger, with changes while it was stopped', async () => {
		await egw.egwControl.reset();
		const start = stateFromSync(await egw.egwControl.state(MEETING));
		const database = new WorkflowStaticData();
		const parameters = {
			...appsParameter({ appId: MEETING }),
			options: { heartbeatInterval: 1, maxReconnectDelay: 1, maxReconnectAttempts: 0 },
		};
		const emitted: IDataObject[] = [];
		let restarts = 0;
		for (let round = 0; round < 20; round++) {
			const run = await egw.activate(parameters, 'trigger', 0, { staticData: database });
			await waitFor(subscribed, 30_000);
			// The first activation's full sync is its baseline: the stream starts after it.
			if (round === 0)
				await egw.egwControl.startGenerator({
					appId: MEETING,
					rate: 200,
					seed: 23,
					groups: 6,
					users: 30,
				});
			// Events of a run arrive while it is active; some are queued when it stops and come back recovered.
			await new Promise((resolve) => setTimeout(resolve, 150 + (round % 4) * 100));
			await egw.deactivateAll();
			emitted.push(...run.items);
			restarts += 1;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		const final = await egw.activate(parameters, 'trigger', 0, { staticData: database });
		await waitFor(subscribed, 30_000);
		const { generated } = await egw.egwControl.stopGenerator(MEETING);
		const last = await egw.egwControl.state(MEETING);
		await waitFor(() => final.items.some((item) => Number(item.version) >= last.version), 60_000);
		await new Promise((resolve) => setTimeout(resolve, 500));
		emitted.push(...final.items);

		// 0 duplicated: each live version once, and no recovered event repeats a change already emitted.
		const live = emitted.filter((item) => !item.recovered).map((item) => Number(item.version));
		expect(new Set(live).size).toBe(live.length);
		let repeated = 0;
		const state = start;
		for (const item of emitted) {
			const before = cloneState(state);
			replay(state, [item]);
			if (item.recovered && isDeepStrictEqual(before, state)) repeated += 1;
		}
		expect(repeated).toBe(0);
		// 0 lost: the emitted stream of all 21 activations, replayed, gives the gateway's final state.
		expect(state).toEqual(stateFromSync(last));
		const recovered = emitted.length - live.length;
		process.stdout.write(
			`soak restarts: ${generated} events, ${restarts} restarts → ${live.length} live + ${recovered} recovered, 0 duplicated, final state equal\n`,
		);
	});

	it('leaves no socket, timer or memory growth after 1,000 activate/deactivate cycles', async () => {
		setGlobalDispatcher(new Agent({ keepAliveTimeout: 10, keepAliveMaxTimeout: 10 }));
		const heapMiB = () => {
			global.gc?.();
			return process.memoryUsage().heapUsed / 2 ** 20;
		};
		const cycle = async (index: number) => {
			const run = await egw.activate({
				...appsParameter({ appId: MEETING }),
				options: { heartbeatInterval: 1 },
			});
			if (index % 50 === 0) {
				await egw.egwControl.push({
					appId: MEETING,
					id: EgwEvent.USER_JOINED,
					groupId: 'soak',
					userId: `cycle-${index}`,
				});
				await run.waitForItems(1);
			}
			await egw.deactivateAll();
		};
		for (let index = 0; index < 100; index++) await cycle(index); // warm-up: caches, JIT
		await new Promise((resolve) => setTimeout(resolve, 200));
		const before = { handles: openHandles(), heap: heapMiB() };
		for (let index = 100; index < 1100; index++) await cycle(index);
		const kinds = ['Timeout', 'TCPSocketWrap'];
		const noMoreThanBefore = (handles: string) =>
			kinds.every((kind) => countOf(handles, kind) <= countOf(before.handles, kind));
		const after = { handles: await handlesOnceSettled(noMoreThanBefore), heap: heapMiB() };
		process.stdout.write(
			`soak cycles: 1,000 activate/deactivate cycles, heap ${before.heap.toFixed(1)} → ${after.heap.toFixed(1)} MiB, handles ${JSON.stringify(before.handles)} → ${JSON.stringify(after.handles)}\n`,
		);
		// A keep-alive socket of an earlier control call may have closed meanwhile: fewer is fine, more is a leak.
		for (const kind of kinds)
			expect(countOf(after.handles, kind)).toBeLessThanOrEqual(countOf(before.handles, kind));
		expect(await egw.egwControl.sessions()).toEqual([]);
		// Each cycle allocates sockets, frames and timers; a leak of even 10 KiB a cycle would show as 10 MiB.
		expect(after.heap - before.heap).toBeLessThan(8);
	});
});
