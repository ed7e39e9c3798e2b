import { EgwEvent, EgwMediaType, type EgwEventFrame } from '../../../nodes/shared/hst/egw';
import {
	EventLedger,
	applyEvent,
	cloneState,
	diffStates,
	stateFromSync,
} from '../../../nodes/HstEventTrigger/ledger';

const sync = (
	version: number,
	groups: Record<string, Record<string, Array<[string, number]>>>,
) => ({
	version,
	group_list: Object.entries(groups).map(([group_id, users]) => ({
		group_id,
		user_list: Object.entries(users).map(([user_id, media]) => ({
			user_id,
			media_info: media.map(([media_id, media_type]) => ({ media_id, media_type })),
		})),
	})),
});

const frame = (
	version: number,
	id: EgwEventFrame['id'],
	userId: string,
	extra: Partial<EgwEventFrame> = {},
): EgwEventFrame => ({
	id,
	version,
	group_id: 'g1',
	user_id: userId,
	...extra,
});

describe('EventLedger', () => {
	it('takes the first sync as the truth without emitting anything', () => {
		const ledger = new EventLedger();
		expect(ledger.sync(sync(10, { g1: { alice: [] } }))).toEqual([]);
		expect(ledger.version).toBe(10);
	});

	it('accepts the next version, drops duplicates and stale versions, reports gaps', () => {
		const ledger = new EventLedger();
		ledger.sync(sync(10, {}));
		expect(ledger.accept(frame(11, EgwEvent.USER_JOINED, 'bob')).kind).toBe('next');
		expect(ledger.accept(frame(11, EgwEvent.USER_JOINED, 'bob'))).toEqual({ kind: 'stale' });
		expect(ledger.accept(frame(9, EgwEvent.USER_LEFT, 'bob'))).toEqual({ kind: 'stale' });
		expect(ledger.accept(frame(14, EgwEvent.USER_LEFT, 'bob'))).toEqual({
			kind: 'gap',
			expected: 12,
			got: 14,
		});
		expect(ledger.version).toBe(11);
		expect([...ledger.state.get('g1')!.keys()]).toEqual(['bob']);
	});

	it('after a gap, a sync emits what changed as recovered events: stops before leaves, joins before starts', () => {
		const ledger = new EventLedger();
		ledger.sync(sync(10, { g1: { alice: [['a-cam', EgwMediaType.VIDEO]], bob: [] } }));
		const recovered = ledger.sync(
			sync(20, {
				g1: { bob: [['b-mic', EgwMediaType.AUDIO]], carol: [['c-screen', 0]] },
				g2: { dave: [] },
			}),
		);
		expect(
			recovered.map((event) => [
				event.id,
				event.groupId,
				event.userId,
				event.mediaId,
				event.recovered,
				event.version,
			]),
		).toEqual([
			[EgwEvent.MEDIA_STOPPED, 'g1', 'alice', 'a-cam', true, 20],
			[EgwEvent.USER_LEFT, 'g1', 'alice', undefined, true, 20],
			[EgwEvent.MEDIA_STARTED, 'g1', 'bob', 'b-mic', true, 20],
			[EgwEvent.USER_JOINED, 'g1', 'carol', undefined, true, 20],
			[EgwEvent.MEDIA_STARTED, 'g1', 'carol', 'c-screen', true, 20],
			[EgwEvent.USER_JOINED, 'g2', 'dave', undefined, true, 20],
		]);
	});

	it('replaying recovered events onto the old state gives the new state', () => {
		const before = stateFromSync(sync(1, { g1: { a: [['m1', 1]], b: [] }, g3: { x: [] } }));
		const after = stateFromSync(sync(9, { g1: { b: [['m2', 2]] }, g2: { c: [['m3', 0]] } }));
		const replayed = cloneState(before);
		for (const event of diffStates(before, after, 9)) applyEvent(replayed, event);
		expect(replayed).toEqual(after);
	});

	it('keeps recording status out of the state and the media of a user who leaves out of it too', () => {
		const ledger = new EventLedger();
		ledger.sync(sync(1, {}));
		ledger.accept(frame(2, EgwEvent.USER_JOINED, 'a'));
		ledger.accept(frame(3, EgwEvent.MEDIA_STARTED, 'a', { media_id: 'cam', media_type: 2 }));
		ledger.accept(frame(4, EgwEvent.RECORDING_STATUS, 'a', { record_id: 'r', record_statue: 1 }));
		expect(ledger.state).toEqual(new Map([['g1', new Map([['a', new Map([['cam', 2]])]])]]));
		ledger.accept(frame(5, EgwEvent.USER_LEFT, 'a'));
		expect(ledger.state.size).toBe(0);
	});
});
