import type { Logger } from 'n8n-workflow';

import { EventIntake } from '../../../nodes/HstEventTrigger/eventIntake';
import type { LedgerEvent } from '../../../nodes/HstEventTrigger/ledger';
import { EgwEvent, type EgwSyncReply } from '../../../nodes/shared/hst/egw';

const silent = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;

const join = (userId: string, version: number) => ({
	id: EgwEvent.USER_JOINED,
	group_id: 'room',
	user_id: userId,
	version,
});

function snapshot(version: number, users: string[]): EgwSyncReply {
	return {
		id: 20009,
		result: 0,
		app_id: 'app',
		version,
		group_list: [
			{ group_id: 'room', user_list: users.map((user_id) => ({ user_id, media_info: [] })) },
		],
	};
}

/** A gateway whose full syncs answer when the test says so. */
class ScriptedSyncs {
	readonly asked: Array<(reply: EgwSyncReply) => void> = [];
	request = () => new Promise<EgwSyncReply>((resolve) => this.asked.push(resolve));
}

function intakeWith() {
	const delivered: LedgerEvent[] = [];
	const intake = new EventIntake('app', (events) => delivered.push(...events), silent);
	const syncs = new ScriptedSyncs();
	intake.connected(syncs.request);
	return { intake, delivered, syncs };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('EventIntake', () => {
	it('holds events that arrive during the first sync and replays those the snapshot does not cover', async () => {
		const { intake, delivered, syncs } = intakeWith();
		const first = intake.sync();
		intake.onFrame(join('covered', 5));
		intake.onFrame(join('after', 6));
		syncs.asked[0](snapshot(5, ['covered']));
		await first;
		expect(delivered.map((event) => [event.userId, event.version, event.recovered])).toEqual([
			['after', 6, false],
		]);
	});

	it('asks for a full sync at a version gap and emits the difference as recovered events', async () => {
		const { intake, delivered, syncs } = intakeWith();
		const first = intake.sync();
		syncs.asked[0](snapshot(1, []));
		await first;
		intake.onFrame(join('a', 2));
		intake.onFrame(join('c', 4));
		expect(syncs.asked).toHaveLength(2);
		intake.onFrame(join('d', 5));
		syncs.asked[1](snapshot(4, ['a', 'b', 'c']));
		await settle();
		expect(delivered.map((event) => [event.userId, event.recovered])).toEqual([
			['a', false],
			['b', true],
			['c', true],
			['d', false],
		]);
	});

	it('takes no event while overloaded and syncs once the overload ends', async () => {
		const { intake, delivered, syncs } = intakeWith();
		const first = intake.sync();
		syncs.asked[0](snapshot(1, []));
		await first;
		intake.setOverloaded(true);
		intake.onFrame(join('x', 2));
		intake.onFrame(join('y', 3));
		expect(delivered).toEqual([]);
		intake.setOverloaded(false);
		expect(syncs.asked).toHaveLength(2);
		syncs.asked[1](snapshot(3, ['x', 'y']));
		await settle();
		expect(delivered.map((event) => [event.userId, event.recovered])).toEqual([
			['x', true],
			['y', true],
		]);
	});

	it('needs no sync after an overload in which nothing arrived', async () => {
		const { intake, syncs } = intakeWith();
		const first = intake.sync();
		syncs.asked[0](snapshot(1, []));
		await first;
		intake.setOverloaded(true);
		intake.setOverloaded(false);
		expect(syncs.asked).toHaveLength(1);
	});

	it('runs another sync after one that was already under way when a new one was asked for', async () => {
		const { intake, delivered, syncs } = intakeWith();
		const first = intake.sync();
		syncs.asked[0](snapshot(1, []));
		await first;
		intake.onFrame(join('gap', 3));
		expect(syncs.asked).toHaveLength(2);
		intake.setOverloaded(true);
		intake.onFrame(join('missed', 4));
		intake.setOverloaded(false);
		syncs.asked[1](snapshot(3, ['gap']));
		await settle();
		expect(syncs.asked).toHaveLength(3);
		syncs.asked[2](snapshot(4, ['gap', 'missed']));
		await settle();
		expect(delivered.map((event) => event.userId)).toEqual(['gap', 'missed']);
	});

	it('reports a malformed event frame and goes on', async () => {
		const warnings: string[] = [];
		const logger = { ...silent, warn: (message: string) => warnings.push(message) } as Logger;
		const delivered: LedgerEvent[] = [];
		const intake = new EventIntake('app', (events) => delivered.push(...events), logger);
		const syncs = new ScriptedSyncs();
		intake.connected(syncs.request);
		const first = intake.sync();
		syncs.asked[0](snapshot(1, []));
		await first;
		intake.onFrame({ id: EgwEvent.USER_JOINED, group_id: 'room' });
		intake.onFrame(join('next', 2));
		expect(warnings).toEqual([expect.stringContaining('skipped a malformed frame')]);
		expect(delivered.map((event) => event.userId)).toEqual(['next']);
	});

	it("emits a recording status without user or version (as in HST's example) when it arrives", async () => {
		const { intake, delivered, syncs } = intakeWith();
		const first = intake.sync();
		syncs.asked[0](snapshot(7, []));
		await first;
		intake.onFrame({
			id: EgwEvent.RECORDING_STATUS,
			group_id: 'room',
			record_id: 'r1',
			record_statue: 6,
		});
		intake.onFrame(join('next', 8));
		expect(
			delivered.map((event) => [event.id, event.userId, event.version, event.recordId]),
		).toEqual([
			[EgwEvent.RECORDING_STATUS, '', 7, 'r1'],
			[EgwEvent.USER_JOINED, 'next', 8, undefined],
		]);
		expect(syncs.asked).toHaveLength(1);
	});
});
