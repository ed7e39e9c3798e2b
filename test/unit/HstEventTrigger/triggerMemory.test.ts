import type { IDataObject } from 'n8n-workflow';

import { HandedPositions } from '../../../nodes/HstEventTrigger/handedPositions';
import type { AppState, LedgerEvent } from '../../../nodes/HstEventTrigger/ledger';
import {
	MAX_REMEMBERED_ENTRIES,
	TriggerMemory,
	accountKey,
} from '../../../nodes/HstEventTrigger/triggerMemory';
import { EgwEvent } from '../../../nodes/shared/hst/egw';

const account = accountKey('https://fsp-store-gw.hst.com', 'developer-1');

const state = (entries: Record<string, Record<string, Array<[string, number]>>>): AppState =>
	new Map(
		Object.entries(entries).map(([groupId, users]) => [
			groupId,
			new Map(Object.entries(users).map(([userId, media]) => [userId, new Map(media)])),
		]),
	);

const joined = (userId: string, version: number): LedgerEvent => ({
	id: EgwEvent.USER_JOINED,
	groupId: 'room',
	userId,
	version,
	recovered: false,
});

describe('TriggerMemory', () => {
	it('gives back the state it was given, for the same account', () => {
		const staticData: IDataObject = {};
		const room = state({ room: { alice: [['alice-cam', 2]], bob: [] } });
		new TriggerMemory(staticData, account).remember(
			['app'],
			[{ appId: 'app', state: room, version: 42 }],
		);
		const recalled = new TriggerMemory(JSON.parse(JSON.stringify(staticData)), account).recall(
			'app',
		);
		expect(recalled).toEqual({ kind: 'known', app: { state: room, version: 42 } });
	});

	it('keeps neither the developer ID nor the gateway in clear', () => {
		const staticData: IDataObject = {};
		new TriggerMemory(staticData, account).remember(
			['app'],
			[{ appId: 'app', state: state({}), version: 1 }],
		);
		expect(JSON.stringify(staticData)).not.toMatch(/developer-1|hst\.com/);
	});

	it('recalls nothing stored for another developer account, and says so', () => {
		const staticData: IDataObject = {};
		new TriggerMemory(staticData, account).remember(
			['app'],
			[{ appId: 'app', state: state({ room: { alice: [] } }), version: 7 }],
		);
		const other = new TriggerMemory(
			staticData,
			accountKey('https://fsp-store-gw.hst.com', 'developer-2'),
		);
		expect(other.recall('app')).toEqual({ kind: 'unknown' });
		expect(other.storedForAnotherAccount).toBe(true);
		expect(new TriggerMemory({}, account).storedForAnotherAccount).toBe(false);
	});

	it(`keeps no state over ${MAX_REMEMBERED_ENTRIES} users and media, and reports its size instead`, () => {
		const users: Record<string, Array<[string, number]>> = {};
		for (let index = 0; index < MAX_REMEMBERED_ENTRIES / 2; index++)
			users[`user-${index}`] = [[`cam-${index}`, 2]];
		users.oneTooMany = [];
		const staticData: IDataObject = {};
		new TriggerMemory(staticData, account).remember(
			['app'],
			[{ appId: 'app', state: state({ room: users }), version: 3 }],
		);
		expect(new TriggerMemory(staticData, account).recall('app')).toEqual({
			kind: 'tooLarge',
			entries: MAX_REMEMBERED_ENTRIES + 1,
		});
		expect(JSON.stringify(staticData).length).toBeLessThan(200);
	});

	it('forgets apps no longer subscribed and keeps the others it was not given', () => {
		const staticData: IDataObject = {};
		const memory = new TriggerMemory(staticData, account);
		memory.remember(
			['kept', 'dropped'],
			[
				{ appId: 'kept', state: state({ a: { x: [] } }), version: 1 },
				{ appId: 'dropped', state: state({ b: { y: [] } }), version: 1 },
			],
		);
		memory.remember(['kept'], []);
		expect(Object.keys(staticData.apps as object)).toEqual(['kept']);
		expect(memory.recall('kept').kind).toBe('known');
	});

	it.each([
		['not an object', 'garbage'],
		['no version', { groups: {} }],
		['a group that is not an object', { version: 1, groups: { room: 5 } }],
		['media that is not a list', { version: 1, groups: { room: { alice: 'cam' } } }],
		['a medium without a type', { version: 1, groups: { room: { alice: [['cam']] } } }],
	])('trusts nothing that does not parse: %s', (_, stored) => {
		const memory = new TriggerMemory({ account, apps: { app: stored } } as IDataObject, account);
		expect(memory.recall('app')).toEqual({ kind: 'unknown' });
	});
});

describe('HandedPositions', () => {
	it('moves on only with the events handed to executions, in delivery order', () => {
		const positions = new HandedPositions();
		positions.begin('app', state({ room: {} }), 10);
		const first = positions.delivered('app', joined('a', 11), true);
		positions.delivered('app', joined('b', 12), true);
		expect(positions.takeChanged().map((app) => [...app.state.get('room')!.keys()])).toEqual([[]]);
		positions.handed('app', first, 1);
		expect(positions.takeChanged()).toEqual([
			{ appId: 'app', state: state({ room: { a: [] } }), version: 11 },
		]);
	});

	it('applies events nobody waits for (other groups, other event types) in their turn', () => {
		const positions = new HandedPositions();
		positions.begin('app', state({}), 1);
		positions.delivered('app', joined('filtered-now', 2), false);
		const waiting = positions.delivered('app', joined('emitted', 3), true);
		positions.delivered('app', joined('filtered-later', 4), false);
		expect([...positions.takeChanged()[0].state.get('room')!.keys()]).toEqual(['filtered-now']);
		positions.handed('app', waiting, 1);
		expect([...positions.takeChanged()[0].state.get('room')!.keys()]).toEqual([
			'filtered-now',
			'emitted',
			'filtered-later',
		]);
	});

	it('holds events delivered before the app had a starting state until it gets one', () => {
		const positions = new HandedPositions();
		positions.delivered('app', joined('early', 6), false);
		expect(positions.takeChanged()).toEqual([]);
		positions.begin('app', state({ room: { base: [] } }), 5);
		expect([...positions.takeChanged()[0].state.get('room')!.keys()]).toEqual(['base', 'early']);
	});
});
