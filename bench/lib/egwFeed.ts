import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import type { EgwEmulator } from '../../sandbox/hst/egwEmulator';
import { EgwEventGenerator } from '../../sandbox/hst/egwGenerator';
import type { ScriptedEvent } from '../../sandbox/hst/egwState';
import type { DeliveryTally } from './deliveryTally';

/** The emulator's generator settings the in-n8n benchmark uses too: 20 rooms, 400 users per app. */
const ROOMS = 20;
const USERS = 400;

/**
 * Believable events (the emulator's own generator) pushed into the in-process EGW emulator, each send
 * time recorded in the tally just before the emulator serialises and sends the frame.
 */
export class EgwFeed {
	private readonly generators: EgwEventGenerator[];
	/** When the last event was handed to the emulator (performance.now()). */
	stoppedAt = Number.NaN;

	constructor(
		private readonly egw: EgwEmulator,
		private readonly tally: DeliveryTally,
		private readonly appIds: readonly string[],
		ratePerApp = 0,
		seed = 1,
	) {
		this.generators = appIds.map(
			(appId, index) =>
				new EgwEventGenerator(egw.state, (event) => this.push(event), {
					appId,
					rate: ratePerApp,
					groups: ROOMS,
					users: USERS,
					seed: seed * 1000 + index,
				}),
		);
	}

	/**
	 * The generator's own pacing (a burst every 10 ms) at the constructor's rate per app, for `ms` of wall
	 * time; about every second the log is absorbed and `everySecond` runs.
	 */
	async paced(ms: number, everySecond?: () => void): Promise<void> {
		const deadline = performance.now() + ms;
		for (const generator of this.generators) generator.start();
		for (let left = ms; left > 0; left = deadline - performance.now()) {
			await sleep(Math.min(1000, left));
			this.absorbLog();
			everySecond?.();
		}
		for (const generator of this.generators) generator.stop();
		this.stoppedAt = performance.now();
		this.absorbLog();
	}

	/**
	 * As fast as the emulator sends: `perApp` events per app, round-robin over the apps, in chunks with a
	 * turn of the event loop between them (so sockets are read while it sends).
	 */
	async flood(perApp: number, chunk = 500): Promise<void> {
		let sent = 0;
		const total = perApp * this.generators.length;
		while (sent < total) {
			const end = Math.min(total, sent + chunk);
			for (; sent < end; sent++) this.push(this.generators[sent % this.generators.length].next());
			await new Promise((resolve) => setImmediate(resolve));
		}
		this.stoppedAt = performance.now();
		this.absorbLog();
	}

	/** Moves the emulator's log (its ground truth) into the tally and empties it: a long run keeps no log. */
	absorbLog(): void {
		for (const appId of this.appIds) {
			const ledger = this.egw.state.ledger(appId);
			for (const frame of ledger.log) this.tally.logged(appId, frame.version);
			ledger.log.length = 0;
		}
	}

	private push(event: ScriptedEvent): void {
		const at = performance.now();
		const frame = this.egw.push(event);
		this.tally.sent(event.appId, frame.version, at);
	}
}
