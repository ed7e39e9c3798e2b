import {
	accountTrigger,
	fromPosts,
	type ProcessedItem,
} from '../../../bench/lib/triggerAccounting';
import { EgwEvent, type EgwEventFrame } from '../../../nodes/shared/hst/egw';

const room = (users: string[]) => [
	{ group_id: 'room', user_list: users.map((user_id) => ({ user_id, media_info: [] })) },
];
const frame = (id: number, userId: string, version: number) =>
	({ id, group_id: 'room', user_id: userId, version }) as EgwEventFrame;
const item = (version: number, recovered: 0 | 1, id: number, userId: string): ProcessedItem => [
	version,
	recovered ? null : 1,
	recovered,
	id,
	'room',
	userId,
	null,
	null,
];

describe('accountTrigger (the in-n8n benchmark against the emulator)', () => {
	const truth = [
		frame(EgwEvent.USER_JOINED, 'a', 2),
		frame(EgwEvent.USER_JOINED, 'b', 3),
		frame(EgwEvent.USER_JOINED, 'ghost', 4),
		frame(EgwEvent.USER_LEFT, 'ghost', 5),
		frame(EgwEvent.USER_JOINED, 'c', 6),
	];
	const start = { version: 1, group_list: room([]) };
	const final = { version: 6, group_list: room(['a', 'b', 'c']) };

	it('counts live, recovered, not recoverable and nothing missing after an overload', () => {
		const items = [
			item(2, 0, EgwEvent.USER_JOINED, 'a'),
			// Executions may post in any order: recovered items are put back in the sync's order.
			item(6, 1, EgwEvent.USER_JOINED, 'c'),
			item(6, 1, EgwEvent.USER_JOINED, 'b'),
		];
		expect(accountTrigger(start, final, truth, items)).toEqual({
			sent: 5,
			live: 1,
			notTaken: 4,
			recovered: 2,
			notRecoverable: 2,
			duplicated: 0,
			netChangesMissing: 0,
			stateEqual: true,
		});
	});

	it('counts a live event delivered twice and a recovered item that changes nothing as duplicated', () => {
		const items = [
			item(2, 0, EgwEvent.USER_JOINED, 'a'),
			item(2, 0, EgwEvent.USER_JOINED, 'a'),
			item(3, 0, EgwEvent.USER_JOINED, 'b'),
			item(6, 1, EgwEvent.USER_JOINED, 'b'),
			item(6, 0, EgwEvent.USER_JOINED, 'c'),
		];
		const counted = accountTrigger(start, final, truth, items);
		expect(counted.duplicated).toBe(2);
		expect(counted.stateEqual).toBe(true);
	});

	it('reports net changes that never arrived', () => {
		const counted = accountTrigger(start, final, truth, [item(2, 0, EgwEvent.USER_JOINED, 'a')]);
		expect(counted.netChangesMissing).toBe(2);
		expect(counted.stateEqual).toBe(false);
	});

	it('completes the short posts of live events from the log, and keeps recovered ones as posted', () => {
		const recovered = item(6, 1, EgwEvent.USER_JOINED, 'c');
		expect(fromPosts(truth, [[3, 1234], recovered])).toEqual([
			[3, 1234, 0, EgwEvent.USER_JOINED, 'room', 'b', null, null],
			recovered,
		]);
	});
});
