import {
	EgwEvent,
	isEgwEventId,
	type EgwEventFrame,
	type EgwEventId,
	type EgwSyncReply,
} from '../shared/hst/egw';

/** Users in a group, each with the media they broadcast (media id → media type). */
type GroupState = Map<string, Map<string, number>>;
/** Groups of one app. */
export type AppState = Map<string, GroupState>;

/** An event as the trigger emits it: pushed by the gateway (live) or derived from a full sync (recovered). */
export interface LedgerEvent {
	id: EgwEventId;
	groupId: string;
	userId: string;
	version: number;
	mediaId?: string;
	mediaType?: number;
	recordId?: string;
	recordStatus?: number | string;
	recordMessage?: string;
	recovered: boolean;
	frame?: EgwEventFrame;
}

type Verdict =
	| { kind: 'next'; event: LedgerEvent }
	/** Already seen (duplicate) or older than what the last sync covered. */
	| { kind: 'stale' }
	/** Versions were skipped: only a full sync can tell what happened in between. */
	| { kind: 'gap'; expected: number; got: number };

export function stateFromSync(reply: Pick<EgwSyncReply, 'group_list'>): AppState {
	const state: AppState = new Map();
	for (const group of reply.group_list ?? []) {
		const users: GroupState = new Map();
		for (const user of group.user_list ?? []) {
			users.set(
				user.user_id,
				new Map((user.media_info ?? []).map((media) => [media.media_id, media.media_type])),
			);
		}
		state.set(group.group_id, users);
	}
	return state;
}

/**
 * What changed from `before` to `after`, as the events that would have told it, in an order that makes
 * sense when replayed: media stops before a user leaves, media starts after a user joins.
 * Only the net change is visible: a user who joined and left again in between leaves no trace.
 */
export function diffStates(before: AppState, after: AppState, version: number): LedgerEvent[] {
	const events: LedgerEvent[] = [];
	const recovered = (
		id: EgwEventId,
		groupId: string,
		userId: string,
		media?: [string, number],
	): LedgerEvent => ({
		id,
		groupId,
		userId,
		version,
		recovered: true,
		...(media ? { mediaId: media[0], mediaType: media[1] } : {}),
	});
	const groupIds = new Set([...before.keys(), ...after.keys()]);
	for (const groupId of [...groupIds].sort()) {
		const was = before.get(groupId) ?? new Map<string, Map<string, number>>();
		const is = after.get(groupId) ?? new Map<string, Map<string, number>>();
		for (const userId of [...new Set([...was.keys(), ...is.keys()])].sort()) {
			const mediaBefore = was.get(userId);
			const mediaAfter = is.get(userId);
			for (const [mediaId, type] of mediaBefore ?? []) {
				if (mediaAfter?.get(mediaId) !== type)
					events.push(recovered(EgwEvent.MEDIA_STOPPED, groupId, userId, [mediaId, type]));
			}
			if (mediaBefore && !mediaAfter) events.push(recovered(EgwEvent.USER_LEFT, groupId, userId));
			if (!mediaBefore && mediaAfter) events.push(recovered(EgwEvent.USER_JOINED, groupId, userId));
			for (const [mediaId, type] of mediaAfter ?? []) {
				if (mediaBefore?.get(mediaId) !== type)
					events.push(recovered(EgwEvent.MEDIA_STARTED, groupId, userId, [mediaId, type]));
			}
		}
	}
	return events;
}

/** The state change one event describes; recording status changes nothing the gateway syncs. */
export function applyEvent(
	state: AppState,
	event: Pick<LedgerEvent, 'id' | 'groupId' | 'userId' | 'mediaId' | 'mediaType'>,
): void {
	const group = state.get(event.groupId) ?? new Map<string, Map<string, number>>();
	switch (event.id) {
		case EgwEvent.USER_JOINED:
			if (!group.has(event.userId)) group.set(event.userId, new Map());
			break;
		case EgwEvent.USER_LEFT:
			group.delete(event.userId);
			break;
		case EgwEvent.MEDIA_STARTED: {
			const media = group.get(event.userId) ?? new Map<string, number>();
			media.set(event.mediaId ?? '', event.mediaType ?? -1);
			group.set(event.userId, media);
			break;
		}
		case EgwEvent.MEDIA_STOPPED:
			group.get(event.userId)?.delete(event.mediaId ?? '');
			break;
	}
	if (group.size > 0) state.set(event.groupId, group);
	else state.delete(event.groupId);
}

export function cloneState(state: AppState): AppState {
	return new Map(
		[...state].map(([groupId, users]) => [
			groupId,
			new Map([...users].map(([userId, media]) => [userId, new Map(media)])),
		]),
	);
}

/**
 * Versions and state of one app, as the trigger has seen them. Live events must come in version order,
 * one apart; a gap means missed events and calls for a full sync, whose snapshot is diffed against what
 * was known so the missed changes are emitted as recovered events.
 */
export class EventLedger {
	version: number | undefined;
	state: AppState = new Map();

	get synced(): boolean {
		return this.version !== undefined;
	}

	/** Starts from what an earlier activation knew: the first full sync then emits what changed since. */
	restore(state: AppState, version: number): void {
		this.state = cloneState(state);
		this.version = version;
	}

	/** Takes a full sync as the truth; the changes since the previous one come back as recovered events. */
	sync(reply: Pick<EgwSyncReply, 'group_list' | 'version'>): LedgerEvent[] {
		const next = stateFromSync(reply);
		const recovered = this.synced ? diffStates(this.state, next, reply.version) : [];
		this.state = next;
		this.version = reply.version;
		return recovered;
	}

	accept(frame: EgwEventFrame): Verdict {
		if (this.version === undefined) return { kind: 'gap', expected: NaN, got: frame.version };
		if (frame.version <= this.version) return { kind: 'stale' };
		if (frame.version > this.version + 1)
			return { kind: 'gap', expected: this.version + 1, got: frame.version };
		const event = eventFromFrame(frame);
		applyEvent(this.state, event);
		this.version = frame.version;
		return { kind: 'next', event };
	}
}

export function eventFromFrame(frame: EgwEventFrame): LedgerEvent {
	return {
		id: frame.id,
		groupId: String(frame.group_id ?? ''),
		userId: String(frame.user_id ?? ''),
		version: frame.version,
		...(frame.media_id !== undefined ? { mediaId: String(frame.media_id) } : {}),
		...(frame.media_type !== undefined ? { mediaType: Number(frame.media_type) } : {}),
		...(frame.record_id !== undefined ? { recordId: String(frame.record_id) } : {}),
		...(frame.record_statue !== undefined ? { recordStatus: frame.record_statue } : {}),
		...(frame.record_msg !== undefined ? { recordMessage: String(frame.record_msg) } : {}),
		recovered: false,
		frame,
	};
}

/**
 * Whether a parsed frame is a well-formed event push. HST's only example of a recording status (20104)
 * has no `user_id` and no `version` (docs/vendors/hst.md#event-gateway-events): such a frame is taken
 * too, outside the version order (see EventIntake).
 */
export function isEventFrame(
	frame: Record<string, unknown>,
): frame is EgwEventFrame & Record<string, unknown> {
	if (!isEgwEventId(frame.id) || frame.group_id === undefined) return false;
	if (frame.id === EgwEvent.RECORDING_STATUS && frame.version === undefined) return true;
	return Number.isSafeInteger(frame.version) && frame.user_id !== undefined;
}
