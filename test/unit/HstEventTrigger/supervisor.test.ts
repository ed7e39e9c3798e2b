import type { Logger } from 'n8n-workflow';

import type { EgwConnection } from '../../../nodes/HstEventTrigger/egwConnection';
import type { TriggerSettings } from '../../../nodes/HstEventTrigger/settings';
import { ConnectionSupervisor } from '../../../nodes/HstEventTrigger/supervisor';

const silent = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;

/** What the supervisor reads of a connection: whether it is open, its last frame, and how it ends. */
class FakeConnection {
	private readonly ending = new AbortController();
	lastFrameAt = Date.now();
	terminatedBecause?: string;
	get isOpen() {
		return !this.ending.signal.aborted;
	}
	get closedSignal() {
		return this.ending.signal;
	}
	terminate(reason: string) {
		this.terminatedBecause = reason;
		this.ending.abort();
	}
	asConnection() {
		return this as unknown as EgwConnection;
	}
}

const settings = (overrides: Partial<TriggerSettings> = {}) =>
	({
		heartbeatIntervalMs: 40,
		maxReconnectAttempts: 3,
		backoff: { initialDelayMs: 5, maxDelayMs: 20, healthyAfterMs: 60_000 },
		...overrides,
	}) as TriggerSettings;

const until = async (condition: () => boolean) => {
	for (let wait = 0; wait < 200 && !condition(); wait++)
		await new Promise((resolve) => setTimeout(resolve, 10));
	expect(condition()).toBe(true);
};

describe('ConnectionSupervisor', () => {
	it('replaces a silent connection and sends heartbeats to a live one', async () => {
		const silentOne = new FakeConnection();
		// Its last frame lies ahead: however late the machine runs the timers, it never looks silent.
		const liveOne = new FakeConnection();
		liveOne.lastFrameAt = Date.now() + 60_000;
		const heartbeats: FakeConnection[] = [];
		const stop = new AbortController();
		const supervisor = new ConnectionSupervisor(
			'app',
			settings(),
			{
				connect: async () => liveOne.asConnection(),
				heartbeat: (connection) => heartbeats.push(connection as unknown as FakeConnection),
				failed: () => undefined,
			},
			silent,
		);
		const running = supervisor.run(silentOne.asConnection(), stop.signal);
		try {
			await until(() => silentOne.terminatedBecause === 'silent');
			await until(() => heartbeats.filter((connection) => connection === liveOne).length >= 2);
			expect(liveOne.terminatedBecause).toBeUndefined();
		} finally {
			stop.abort();
			await running;
		}
	});

	it('reconnects with backoff after a drop, and reports failure once the budget is spent', async () => {
		const dropped = new FakeConnection();
		const failures: Error[] = [];
		let attempts = 0;
		const supervisor = new ConnectionSupervisor(
			'app',
			settings({ maxReconnectAttempts: 3 }),
			{
				connect: async () => {
					attempts += 1;
					throw new Error(`refused ${attempts}`);
				},
				heartbeat: () => undefined,
				failed: (error) => failures.push(error),
			},
			silent,
		);
		const running = supervisor.run(dropped.asConnection(), new AbortController().signal);
		dropped.terminate('dropped by the gateway');
		await running;
		expect(attempts).toBe(3);
		expect(failures.map((error) => error.message)).toEqual([
			'HST Event Trigger gave up on app app after 3 failed reconnects: refused 3',
		]);
	});

	it('keeps trying when the budget is 0, and stops at once when asked', async () => {
		const dropped = new FakeConnection();
		const stop = new AbortController();
		let attempts = 0;
		const supervisor = new ConnectionSupervisor(
			'app',
			settings({ maxReconnectAttempts: 0 }),
			{
				connect: async () => {
					attempts += 1;
					throw new Error('refused');
				},
				heartbeat: () => undefined,
				failed: () => {
					throw new Error('must not give up');
				},
			},
			silent,
		);
		const running = supervisor.run(dropped.asConnection(), stop.signal);
		dropped.terminate('dropped');
		try {
			await until(() => attempts >= 5);
		} finally {
			stop.abort();
			await running;
		}
		const after = attempts;
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(attempts).toBe(after);
	});
});
