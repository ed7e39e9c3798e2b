import type { IDataObject } from 'n8n-workflow';

import { EGW_EVENT_NAMES, EGW_MEDIA_TYPE_NAMES, type EgwSyncReply } from '../shared/hst/egw';
import { hstRecordStatusName } from '../shared/hst/recording';
import type { LedgerEvent } from './ledger';

/** One emitted event. Live and recovered events have the same shape; `recovered` tells them apart. */
export function eventItem(appId: string, event: LedgerEvent, receivedAt: Date): IDataObject {
	const item: IDataObject = {
		event: EGW_EVENT_NAMES[event.id],
		eventId: event.id,
		appId,
		groupId: event.groupId,
		userId: event.userId,
		version: event.version,
		recovered: event.recovered,
		receivedAt: receivedAt.toISOString(),
	};
	if (event.mediaId !== undefined) item.mediaId = event.mediaId;
	if (event.mediaType !== undefined) {
		item.mediaType = event.mediaType;
		item.mediaTypeName = EGW_MEDIA_TYPE_NAMES[event.mediaType] ?? 'unknown';
	}
	if (event.recordId !== undefined) item.recordId = event.recordId;
	if (event.recordStatus !== undefined) {
		item.recordStatus = event.recordStatus;
		item.recordStatusName = hstRecordStatusName(event.recordStatus);
	}
	if (event.recordMessage !== undefined) item.recordMessage = event.recordMessage;
	item.raw = (event.frame as unknown as IDataObject) ?? null;
	return item;
}

/** The state of an app when the trigger started (option "Emit Snapshot on Start"). */
export function snapshotItem(
	appId: string,
	reply: EgwSyncReply,
	groupIds: string[],
	receivedAt: Date,
): IDataObject {
	const groups = (reply.group_list ?? [])
		.filter((group) => groupIds.length === 0 || groupIds.includes(group.group_id))
		.map((group) => ({
			groupId: group.group_id,
			users: (group.user_list ?? []).map((user) => ({
				userId: user.user_id,
				media: (user.media_info ?? []).map((media) => ({
					mediaId: media.media_id,
					mediaType: media.media_type,
					mediaTypeName: EGW_MEDIA_TYPE_NAMES[media.media_type] ?? 'unknown',
				})),
			})),
			groupMedia: (group.group_media_list ?? []).map((media) => ({
				mediaId: media.media_id,
				mediaType: media.media_type,
				mediaTypeName: EGW_MEDIA_TYPE_NAMES[media.media_type] ?? 'unknown',
			})),
		}));
	return {
		event: 'snapshot',
		appId,
		version: reply.version,
		groups,
		receivedAt: receivedAt.toISOString(),
	};
}
