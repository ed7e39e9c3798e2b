import {
	EgwEvent,
	EgwMediaType,
	type EgwEventFrame,
	type EgwEventId,
	type EgwSyncGroup,
} from '../../nodes/shared/hst/egw';
import { SANDBOX_APPS, type SeedApp } from './seed';
import type { HstWorld } from './world';

/** users → media id → media type, per group, per app. */
type Groups = Map<string, Map<string, Map<string, number>>>;

interface EgwAppLedger {
	version: number;
	groups: Groups;
	/** Whiteboards and other group-level media (`group_media_list`, docs/vendors/hst.md#event-gateway-frames). */
	groupMedia: Map<string, Map<string, number>>;
	/** Every event pushed, in order: the ground truth tests compare the trigger's output with. */
	log: EgwEventFrame[];
}

export interface ScriptedEvent {
	appId: string;
	id: EgwEventId;
	groupId: string;
	userId: string;
	mediaId?: string;
	mediaType?: number;
	recordId?: string;
	recordStatus?: number;
	recordMessage?: string;
}

/** A fixed start: the groups of the seeded apps, teachers sharing a camera and a microphone. */
function seededGroups(appId: string): Groups {
	const seed = Object.values(SANDBOX_APPS).find((app) => app.appId === appId) as
		| SeedApp
		| undefined;
	const groups: Groups = new Map();
	for (const [groupId, members] of Object.entries(seed?.groups ?? {})) {
		const users = new Map<string, Map<string, number>>();
		for (const userId of members) {
			users.set(
				userId,
				userId.startsWith('teacher')
					? new Map([
							[`${userId}-cam`, EgwMediaType.VIDEO],
							[`${userId}-mic`, EgwMediaType.AUDIO],
						])
					: new Map(),
			);
		}
		groups.set(groupId, users);
	}
	return groups;
}

/**
 * The event gateway's view of every app: who is in which group, broadcasting what, and the version,
 * one higher per event. Joining brings the user online in the business gateway too.
 */
export class EgwState {
	private readonly apps = new Map<string, EgwAppLedger>();

	constructor(private readonly world: HstWorld) {}

	reset(): void {
		this.apps.clear();
	}

	ledger(appId: string): EgwAppLedger {
		let ledger = this.apps.get(appId);
		if (!ledger) {
			ledger = { version: 1000, groups: seededGroups(appId), groupMedia: new Map(), log: [] };
			if (appId === SANDBOX_APPS.classroom.appId)
				ledger.groupMedia.set('room-101', new Map([['whiteboard-1', EgwMediaType.WHITEBOARD]]));
			this.apps.set(appId, ledger);
		}
		return ledger;
	}

	/** Applies an event and returns the frame to push, with the app's next version. */
	record(event: ScriptedEvent): EgwEventFrame {
		const ledger = this.ledger(event.appId);
		const users = ledger.groups.get(event.groupId) ?? new Map<string, Map<string, number>>();
		// The gateway's own bookkeeping, kept apart from the trigger's ledger so each checks the other.
		switch (event.id) {
			case EgwEvent.USER_JOINED: {
				if (!users.has(event.userId)) users.set(event.userId, new Map());
				const app = this.world.apps.get(event.appId);
				if (app) this.world.connect(app, event.userId);
				break;
			}
			case EgwEvent.USER_LEFT:
				users.delete(event.userId);
				break;
			case EgwEvent.MEDIA_STARTED: {
				const media = users.get(event.userId) ?? new Map<string, number>();
				media.set(event.mediaId ?? '', event.mediaType ?? EgwMediaType.VIDEO);
				users.set(event.userId, media);
				break;
			}
			case EgwEvent.MEDIA_STOPPED:
				users.get(event.userId)?.delete(event.mediaId ?? '');
				break;
		}
		if (users.size > 0) ledger.groups.set(event.groupId, users);
		else ledger.groups.delete(event.groupId);

		ledger.version += 1;
		const frame: EgwEventFrame = {
			id: event.id,
			group_id: event.groupId,
			user_id: event.userId,
			version: ledger.version,
			...(event.mediaId !== undefined
				? { media_id: event.mediaId, media_type: event.mediaType ?? EgwMediaType.VIDEO }
				: {}),
			...(event.recordId !== undefined
				? {
						record_id: event.recordId,
						record_statue: event.recordStatus ?? 0,
						record_msg: event.recordMessage ?? '',
					}
				: {}),
		};
		ledger.log.push(frame);
		return frame;
	}

	/** Whether someone in the group broadcasts audio, video or a screen (a whiteboard alone is not enough). */
	isBroadcasting(appId: string, groupId: string): boolean {
		const users = this.ledger(appId).groups.get(groupId);
		return [...(users?.values() ?? [])].some((media) =>
			[...media.values()].some((type) => type !== EgwMediaType.WHITEBOARD),
		);
	}

	/** Versions that pass with no event pushed: what a client sees as a gap. */
	skip(appId: string, count: number): void {
		this.ledger(appId).version += count;
	}

	/** The 20009 view of an app. */
	snapshot(appId: string): { group_list: EgwSyncGroup[]; version: number } {
		const ledger = this.ledger(appId);
		const groupIds = [...new Set([...ledger.groups.keys(), ...ledger.groupMedia.keys()])].sort();
		return {
			version: ledger.version,
			group_list: groupIds.map((groupId) => ({
				group_id: groupId,
				group_media_list: [...(ledger.groupMedia.get(groupId) ?? [])].map(
					([media_id, media_type]) => ({ media_id, media_type }),
				),
				user_list: [...(ledger.groups.get(groupId) ?? [])].map(([user_id, media]) => ({
					user_id,
					media_info: [...media].map(([media_id, media_type]) => ({ media_id, media_type })),
				})),
			})),
		};
	}
}
