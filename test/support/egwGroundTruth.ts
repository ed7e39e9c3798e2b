import type { IDataObject } from 'n8n-workflow';

import { applyEvent, type AppState } from '../../nodes/HstEventTrigger/ledger';
import { EgwEvent } from '../../nodes/shared/hst/egw';

/** The state the emitted items describe, replayed onto the state the trigger started from. */
export function replay(start: AppState, items: IDataObject[]): AppState {
	const ids: Record<string, number> = {
		userJoined: EgwEvent.USER_JOINED,
		userLeft: EgwEvent.USER_LEFT,
		mediaStarted: EgwEvent.MEDIA_STARTED,
		mediaStopped: EgwEvent.MEDIA_STOPPED,
	};
	for (const item of items) {
		if (!(String(item.event) in ids)) continue;
		applyEvent(start, {
			id: ids[String(item.event)] as 20100,
			groupId: String(item.groupId),
			userId: String(item.userId),
			mediaId: item.mediaId as string | undefined,
			mediaType: item.mediaType as number | undefined,
		});
	}
	return start;
}
