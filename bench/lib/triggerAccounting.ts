import { isDeepStrictEqual } from 'node:util';

import {
	applyEvent,
	cloneState,
	diffStates,
	stateFromSync,
	type AppState,
} from '../../nodes/HstEventTrigger/ledger';
import { EgwEvent, type EgwEventFrame, type EgwSyncReply } from '../../nodes/shared/hst/egw';

type AppSnapshot = Pick<EgwSyncReply, 'version' | 'group_list'>;

/** One item as the benchmark workflow posts it: what the trigger emitted, compactly. */
export type ProcessedItem = [
	version: number,
	/** The emulator's send time (ms); null for recovered events, which no frame carried. */
	sentAt: number | null,
	recovered: 0 | 1,
	eventId: number,
	groupId: string,
	userId: string,
	mediaId: string | null,
	mediaType: number | null,
];

/**
 * What the workflow posts per item: a live event as `[version, sentAt]` (its identity is in the
 * emulator's log; a short item keeps the workflow's own cost per item what it was before), a recovered
 * one in full, as no frame of the log stands for it.
 */
export type PostedItem = [version: number, sentAt: number | null] | ProcessedItem;

/** The posted items in full, live ones completed from the emulator's log. */
export function fromPosts(truth: EgwEventFrame[], posted: PostedItem[]): ProcessedItem[] {
	const byVersion = new Map(truth.map((frame) => [frame.version, frame]));
	return posted.map((item): ProcessedItem => {
		if (item.length > 2) return item as ProcessedItem;
		const frame = byVersion.get(item[0]);
		return [
			item[0],
			item[1],
			0,
			frame?.id ?? -1,
			String(frame?.group_id ?? ''),
			String(frame?.user_id ?? ''),
			frame?.media_id === undefined ? null : String(frame.media_id),
			frame?.media_type === undefined ? null : Number(frame.media_type),
		];
	});
}

export interface TriggerAccounting {
	/** Events the emulator logged during the run (ground truth). */
	sent: number;
	/** Distinct logged events delivered as they happened. */
	live: number;
	/** Events not delivered live: not taken while over Max Queued Events (or not processed yet). */
	notTaken: number;
	/** Items a full sync emitted for what was not taken. */
	recovered: number;
	/** Events not taken whose change no recovered item reports: changed back while over the bound, or recording status. */
	notRecoverable: number;
	/** Live events delivered more than once, plus recovered items that changed nothing (bogus differences). */
	duplicated: number;
	/** Net changes missing from what was emitted: differences between the replayed and the real final state. */
	netChangesMissing: number;
	/** Emitted items replayed onto the start state give the emulator's final state. */
	stateEqual: boolean;
}

const REPLAY_RANK: Record<number, number> = {
	[EgwEvent.MEDIA_STOPPED]: 0,
	[EgwEvent.USER_LEFT]: 1,
	[EgwEvent.USER_JOINED]: 2,
	[EgwEvent.MEDIA_STARTED]: 3,
	[EgwEvent.RECORDING_STATUS]: 4,
};

const key = (eventId: number, groupId: string, userId: string, mediaId: string | null) =>
	`${eventId}|${groupId}|${userId}|${mediaId ?? ''}`;

/**
 * Compares what the workflow processed with the emulator's log and states. Items are replayed in version
 * order, live before recovered at the same version (a full sync reports the state at its version); the
 * events of one sync's difference touch different users or media, so their order among themselves
 * changes nothing.
 */
export function accountTrigger(
	start: AppSnapshot,
	final: AppSnapshot,
	truth: EgwEventFrame[],
	items: ProcessedItem[],
): TriggerAccounting {
	const liveSeen = new Map<number, number>();
	for (const item of items) {
		if (item[2] === 0) liveSeen.set(item[0], (liveSeen.get(item[0]) ?? 0) + 1);
	}
	const notTakenByKey = new Map<string, number[]>();
	let live = 0;
	for (const frame of truth) {
		if (liveSeen.has(frame.version)) {
			live += 1;
			continue;
		}
		const media = frame.media_id === undefined ? null : String(frame.media_id);
		const frameKey = key(frame.id, String(frame.group_id), String(frame.user_id), media);
		const versions = notTakenByKey.get(frameKey) ?? [];
		versions.push(frame.version);
		notTakenByKey.set(frameKey, versions);
	}

	// One sync's difference is emitted in the order media stops, leaves, joins, media starts; executions
	// may finish (and post) in another order, so it is put back before replaying.
	const ordered = [...items].sort(
		(left, right) =>
			left[0] - right[0] || left[2] - right[2] || REPLAY_RANK[left[3]] - REPLAY_RANK[right[3]],
	);
	const replayed: AppState = stateFromSync(start);
	let recovered = 0;
	let covered = 0;
	let bogus = 0;
	// A sync's difference stands for events not taken since the previous sync that reported one.
	let previousSync = Number.NEGATIVE_INFINITY;
	let currentSync = Number.NEGATIVE_INFINITY;
	for (const item of ordered) {
		const [version, , isRecovered, eventId, groupId, userId, mediaId, mediaType] = item;
		if (isRecovered && version !== currentSync) {
			previousSync = currentSync;
			currentSync = version;
		}
		const before = isRecovered ? cloneState(replayed) : undefined;
		applyEvent(replayed, {
			id: eventId as typeof EgwEvent.USER_JOINED,
			groupId,
			userId,
			mediaId: mediaId ?? undefined,
			mediaType: mediaType ?? undefined,
		});
		if (!isRecovered) continue;
		recovered += 1;
		if (isDeepStrictEqual(before, replayed)) bogus += 1;
		// A recovered item stands for the latest change of its kind that was not taken before its sync.
		const candidates = notTakenByKey.get(key(eventId, groupId, userId, mediaId)) ?? [];
		let latest = candidates.length - 1;
		while (latest >= 0 && candidates[latest] > version) latest -= 1;
		if (latest >= 0 && candidates[latest] > previousSync) {
			candidates.splice(latest, 1);
			covered += 1;
		}
	}
	let duplicated = bogus;
	for (const count of liveSeen.values()) duplicated += count - 1;
	const truthFinal = stateFromSync(final);
	const missing = diffStates(replayed, truthFinal, final.version).length;
	return {
		sent: truth.length,
		live,
		notTaken: truth.length - live,
		recovered,
		notRecoverable: truth.length - live - covered,
		duplicated,
		netChangesMissing: missing,
		stateEqual: missing === 0,
	};
}
