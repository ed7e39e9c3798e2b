/**
 * The HST event gateway (EGW) WebSocket protocol, as HST corrected it (docs/vendors/hst.md#event-gateway-ids,
 * docs/vendors/hst.md#event-gateway-media-types): the older id table is off by one, and its media-type table swaps
 * audio and video.
 */

export const EGW_BUSINESS = 'EGW';

/** `appType` of `GET {access}/server/address` for the event gateway. */
export const EGW_APP_TYPE = 8;

export const EGW_ADDRESS_PATH = '/server/address';

/** Requests and their replies (reply = request + 1). */
export const EgwRequest = {
	LOGIN: 20000,
	LOGOUT: 20002,
	SUBSCRIBE: 20004,
	UNSUBSCRIBE: 20006,
	SYNC: 20008,
	HEARTBEAT: 20010,
} as const;

type EgwRequestId = (typeof EgwRequest)[keyof typeof EgwRequest];

/** What the client sends: a request id, `business: "EGW"`, and the request's own fields. */
export interface EgwRequestFrame {
	id: EgwRequestId;
	business: typeof EGW_BUSINESS;
	[field: string]: unknown;
}

export function replyIdOf(request: EgwRequestId): number {
	return request + 1;
}

/** Events the gateway pushes. */
export const EgwEvent = {
	USER_JOINED: 20100,
	USER_LEFT: 20101,
	MEDIA_STARTED: 20102,
	MEDIA_STOPPED: 20103,
	RECORDING_STATUS: 20104,
} as const;

export type EgwEventId = (typeof EgwEvent)[keyof typeof EgwEvent];

/** The event names the trigger offers and emits. */
export const EGW_EVENT_NAMES: Record<EgwEventId, string> = {
	[EgwEvent.USER_JOINED]: 'userJoined',
	[EgwEvent.USER_LEFT]: 'userLeft',
	[EgwEvent.MEDIA_STARTED]: 'mediaStarted',
	[EgwEvent.MEDIA_STOPPED]: 'mediaStopped',
	[EgwEvent.RECORDING_STATUS]: 'recordingStatus',
};

export type EgwEventName = (typeof EGW_EVENT_NAMES)[EgwEventId];

export function isEgwEventId(id: unknown): id is EgwEventId {
	return typeof id === 'number' && id in EGW_EVENT_NAMES;
}

export const EgwMediaType = {
	SCREEN_SHARE: 0,
	AUDIO: 1,
	VIDEO: 2,
	WHITEBOARD: 4,
} as const;

export const EGW_MEDIA_TYPE_NAMES: Record<number, string> = {
	[EgwMediaType.SCREEN_SHARE]: 'screenShare',
	[EgwMediaType.AUDIO]: 'audio',
	[EgwMediaType.VIDEO]: 'video',
	[EgwMediaType.WHITEBOARD]: 'whiteboard',
};

/** Success in `result` of every reply. */
export const EGW_OK = 0;

export interface EgwAppFilter {
	app_id: string;
	group_list?: string[];
}

export interface EgwReplyFrame {
	id: number;
	result: number;
	message?: string;
}

interface EgwMedia {
	media_id: string;
	media_type: number;
}

export interface EgwSyncGroup {
	group_id: string;
	group_media_list?: EgwMedia[];
	user_list: Array<{ user_id: string; media_info: EgwMedia[] }>;
}

/** 20009: one app's current groups, users and media, and the version they correspond to. */
export interface EgwSyncReply extends EgwReplyFrame {
	app_id: string;
	group_list: EgwSyncGroup[];
	version: number;
}

/**
 * 20100-20104. `app_id` is not in HST's examples (docs/vendors/hst.md#event-gateway-events); the trigger tells apps
 * apart by connection.
 */
export interface EgwEventFrame {
	id: EgwEventId;
	app_id?: string;
	group_id: string;
	user_id: string;
	version: number;
	media_id?: string;
	media_type?: number;
	record_id?: string;
	/** Sic: HST spells it `record_statue`. */
	record_statue?: number | string;
	record_msg?: string;
}

/** HST's demo strips a trailing `;` from the address the access server answers. */
export function cleanEgwAddress(result: string): string {
	return result.trim().replace(/;+$/, '');
}
