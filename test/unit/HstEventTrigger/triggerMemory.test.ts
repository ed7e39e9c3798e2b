import type { IDataObject } from 'n8n-workflow';

import { HandedPositions, type PositionSink } from '../../../nodes/HstEventTrigger/handedPositions';
import {
	applyEvent,
	cloneState,
	type AppState,
	type LedgerEvent,
} from '../../../nodes/HstEventTrigger/ledger';
import {
	MAX_REMEMBERED_ENTRIES,
	TriggerMemory,
	accountKey,
} from '../../../nodes/HstEventTrigger/triggerMemory';
import { EgwEvent, EgwMediaType } from '../../../nodes/shared/hst/egw';

const account = accountKey('https://fsp-store-gw.hst.com', 'developer-1');

const state = (entries: Record<string, Record<string, Array<[string, number]>>>): AppState =>
	new Map(
		Object.entries(entries).map(([groupId, users]) => [
			groupId,
			new Map(Object.entries(users).map(([userId, media]) => [userId, new Map(media)])),
		]),
	);

const event = (
	id: number,
	userId: string,
	version: number,
	media?: string,
	groupId = 'room',
): LedgerEvent => ({
	id: id as typeof EgwEvent.USER_JOINED,
	groupId,
	userId,
	version,
	recovered: false,
	...(media ? { mediaId: media, mediaType: EgwMediaType.VIDEO } : {}),
});

/** What a later activation recalls from `staticData`, as n8n hands it back after a save (JSON). */
const reloaded = (staticData: IDataObject, appIds = ['app']) =>
	new TriggerMemory(JSON.parse(JSON.stringify(staticData)) as IDataObject, account, appIds);

describe('TriggerMemory', () => {
	it('gives back the state it began with, for the same account', () => {
		const staticData: IDataObject = {};
		const room = state({ room: { alice: [['alice-cam', 2]], bob: [] } });
		const memory = new TriggerMemory(staticData, account, ['app']);
		memory.begin('app', room, 42);
		memory.publish();
		expect(reloaded(staticData).recall('app')).toEqual({
			kind: 'known',
			app: { state: room, version: 42 },
		});
	});

	it('follows events one by one to the same state the ledger reaches', () => {
		const start = state({ room: { teacher: [['teacher-cam', 2]] }, other: { zoe: [] } });
		const events = [
			event(EgwEvent.USER_JOINED, 'ann', 2),
			event(EgwEvent.MEDIA_STARTED, 'ann', 3, 'ann-cam'),
			event(EgwEvent.MEDIA_STARTED, 'ben', 4, 'ben-cam'),
			event(EgwEvent.MEDIA_STOPPED, 'teacher', 5, 'teacher-cam'),
			event(EgwEvent.USER_LEFT, 'zoe', 6, undefined, 'other'),
			event(EgwEvent.USER_LEFT, 'nobody', 7),
			event(EgwEvent.RECORDING_STATUS, 'teacher', 8),
		];
		const expected = cloneState(start);
		for (const each of events) applyEvent(expected, each);
		const staticData: IDataObject = {};
		const memory = new TriggerMemory(staticData, account, ['app']);
		memory.begin('app', start, 1);
		for (const each of events) memory.apply('app', each);
		memory.publish();
		expect(reloaded(staticData).recall('app')).toEqual({
			kind: 'known',
			app: { state: expected, version: 8 },
		});
	});

	it('keeps neither the developer ID nor the gateway in clear', () => {
		const staticData: IDataObject = {};
		const memory = new TriggerMemory(staticData, account, ['app']);
		memory.begin('app', state({}), 1);
		memory.publish();
		expect(JSON.stringify(staticData)).not.toMatch(/developer-1|hst\.com/);
	});

	it('recalls nothing stored for another developer account, and says so', () => {
		const staticData: IDataObject = {};
		const memory = new TriggerMemory(staticData, account, ['app']);
		memory.begin('app', state({ room: { alice: [] } }), 7);
		memory.publish();
		const other = new TriggerMemory(
			staticData,
			accountKey('https://fsp-store-gw.hst.com', 'developer-2'),
			['app'],
		);
		expect(other.recall('app')).toEqual({ kind: 'unknown' });
		expect(other.storedForAnotherAccount).toBe(true);
		expect(new TriggerMemory({}, account, ['app']).storedForAnotherAccount).toBe(false);
	});

	it(`keeps no state over ${MAX_REMEMBERED_ENTRIES} users and media, only its size, and the state again below`, () => {
		const users: Record<string, Array<[string, number]>> = {};
		for (let index = 0; index < MAX_REMEMBERED_ENTRIES / 2; index++)
			users[`user-${index}`] = [[`cam-${index}`, 2]];
		const staticData: IDataObject = {};
		const memory = new TriggerMemory(staticData, account, ['app']);
		memory.begin('app', state({ room: users }), 3);
		memory.apply('app', event(EgwEvent.USER_JOINED, 'one-too-many', 4));
		memory.publish();
		expect(reloaded(staticData).recall('app')).toEqual({
			kind: 'tooLarge',
			entries: MAX_REMEMBERED_ENTRIES + 1,
		});
		expect(JSON.stringify(staticData).length).toBeLessThan(200);
		memory.apply('app', event(EgwEvent.USER_LEFT, 'one-too-many', 5));
		memory.publish();
		expect(reloaded(staticData).recall('app').kind).toBe('known');
	});

	it('keeps apps in their order while they fit in the bound, the rest by size only', () => {
		const users = (count: number, prefix: string) =>
			Object.fromEntries(
				Array.from({ length: count }, (_, index) => [
					`${prefix}-${index}`,
					[] as Array<[string, number]>,
				]),
			);
		const staticData: IDataObject = {};
		const memory = new TriggerMemory(staticData, account, ['first', 'second', 'third']);
		memory.begin('first', state({ room: users(MAX_REMEMBERED_ENTRIES - 10, 'f') }), 1);
		memory.begin('second', state({ room: users(20, 's') }), 1);
		memory.begin('third', state({ room: users(10, 't') }), 1);
		memory.publish();
		const later = reloaded(staticData, ['first', 'second', 'third']);
		expect(later.recall('first').kind).toBe('known');
		expect(later.recall('second')).toEqual({ kind: 'tooLarge', entries: 20 });
		expect(later.recall('third').kind).toBe('known');
	});

	it('forgets apps no longer subscribed and keeps the others', () => {
		const staticData: IDataObject = {};
		const before = new TriggerMemory(staticData, account, ['kept', 'dropped']);
		before.begin('kept', state({ a: { x: [] } }), 1);
		before.begin('dropped', state({ b: { y: [] } }), 1);
		before.publish();
		const after = new TriggerMemory(staticData, account, ['kept', 'new']);
		after.begin('new', state({}), 1);
		after.publish();
		expect(Object.keys(staticData.apps as object).sort()).toEqual(['kept', 'new']);
		expect(after.recall('kept').kind).toBe('known');
	});

	it.each([
		['not an object', 'garbage'],
		['no version', { groups: {} }],
		['a group that is not an object', { version: 1, groups: { room: 5 } }],
		['media that is not a list', { version: 1, groups: { room: { alice: 'cam' } } }],
		['a medium without a type', { version: 1, groups: { room: { alice: [['cam']] } } }],
	])('trusts nothing that does not parse: %s', (_, stored) => {
		const memory = new TriggerMemory({ account, apps: { app: stored } } as IDataObject, account, [
			'app',
		]);
		expect(memory.recall('app')).toEqual({ kind: 'unknown' });
	});
});

/** Records what takes its turn. */
class Turns implements PositionSink {
	readonly log: string[] = [];
	begin(appId: string) {
		this.log.push(`begin ${appId}`);
	}
	apply(_: string, applied: LedgerEvent) {
		this.log.push(applied.userId);
	}
}

describe('HandedPositions', () => {
	it('gives events their turn only once they were handed to executions, in delivery order', () => {
		const turns = new Turns();
		const positions = new HandedPositions(turns);
		positions.begin('app', state({}), 10);
		const first = positions.delivered('app', event(EgwEvent.USER_JOINED, 'a', 11), true);
		const second = positions.delivered('app', event(EgwEvent.USER_JOINED, 'b', 12), true);
		expect(turns.log).toEqual(['begin app']);
		positions.handed('app', first, 1);
		expect(turns.log).toEqual(['begin app', 'a']);
		positions.handed('app', second, 1);
		expect(turns.log).toEqual(['begin app', 'a', 'b']);
	});

	it('gives events nobody waits for (other groups, other event types) their turn in order', () => {
		const turns = new Turns();
		const positions = new HandedPositions(turns);
		positions.begin('app', state({}), 1);
		positions.delivered('app', event(EgwEvent.USER_JOINED, 'filtered-now', 2), false);
		const waiting = positions.delivered('app', event(EgwEvent.USER_JOINED, 'emitted', 3), true);
		positions.delivered('app', event(EgwEvent.USER_JOINED, 'filtered-later', 4), false);
		expect(turns.log).toEqual(['begin app', 'filtered-now']);
		positions.handed('app', waiting, 1);
		expect(turns.log).toEqual(['begin app', 'filtered-now', 'emitted', 'filtered-later']);
	});

	it('holds events delivered before the app had a starting state until it gets one', () => {
		const turns = new Turns();
		const positions = new HandedPositions(turns);
		positions.delivered('app', event(EgwEvent.USER_JOINED, 'early', 6), false);
		expect(turns.log).toEqual([]);
		positions.begin('app', state({}), 5);
		expect(turns.log).toEqual(['begin app', 'early']);
	});
});
