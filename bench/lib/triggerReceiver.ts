import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { stateFromSync, type AppState } from '../../nodes/HstEventTrigger/ledger';
import { appsParameter, type EgwFixture } from '../../test/support/egwFixture';
import { replay } from '../../test/support/egwGroundTruth';
import type { TriggerRun } from '../../test/support/n8nHost/triggerContext';
import type { DeliveryTally } from './deliveryTally';

export type Emission = 'batch' | 'event';

/**
 * The HST Event Trigger activated through the test suite's n8n host (default options), every emission
 * counted into a tally when it happens, and replayed onto the apps' start states (the ground truth
 * check of egwGroundTruth) instead of being kept: a long run holds no items.
 */
export class TriggerReceiver {
	executions = 0;

	private constructor(
		private readonly fixture: EgwFixture,
		private readonly run: TriggerRun,
		private readonly states: Map<string, AppState>,
	) {}

	static async start(
		fixture: EgwFixture,
		appIds: readonly string[],
		emission: Emission,
		tally: DeliveryTally,
	): Promise<TriggerReceiver> {
		const states = new Map(
			appIds.map((appId) => [appId, stateFromSync(fixture.egw.state.snapshot(appId))]),
		);
		const run = await fixture.activate({
			...appsParameter(...appIds.map((appId) => ({ appId }))),
			emit: emission,
			...(emission === 'batch' ? { batching: {} } : {}),
			options: {},
		});
		const receiver = new TriggerReceiver(fixture, run, states);
		const hostEmitted = run.emitted.bind(run);
		run.emitted = (data: INodeExecutionData[][], done, executionMs) => {
			const at = performance.now();
			receiver.executions += 1;
			for (const { json } of data[0]) {
				tally.arrived(String(json.appId), Number(json.version), at, json.recovered === true);
				receiver.apply(json);
			}
			hostEmitted(data, done, executionMs);
			// The host keeps every item for the tests' assertions; here that would be the benchmark's memory.
			run.items.length = 0;
			run.executions.length = 0;
		};
		return receiver;
	}

	/** Overload reports: the host's failed executions (queue at Max Queued Events). */
	get overloads(): number {
		return this.run.failedExecutions.length;
	}

	get errors(): number {
		return this.run.errors.length;
	}

	/** Whether the emitted events, replayed, give every app's state as the emulator has it now. */
	statesMatch(): boolean {
		return [...this.states].every(([appId, state]) =>
			isDeepStrictEqual(state, stateFromSync(this.fixture.egw.state.snapshot(appId))),
		);
	}

	async stop(): Promise<void> {
		await this.fixture.deactivateAll();
	}

	private apply(json: IDataObject): void {
		const state = this.states.get(String(json.appId));
		if (state) replay(state, [json]);
	}
}
