/**
 * Youme REST API. Where Youme's document contradicts itself, the package follows
 * docs/vendors/youme.md#request-url (version v2, service `video`); the status field is `Status` (the document) or
 * `ActionStatus` (Youme's SDK), docs/vendors/youme.md#body-and-answer.
 */

export const YOUME_DEFAULTS = {
	baseUrl: 'https://api.youme.im',
	apiVersion: 'v2',
	serviceName: 'video',
	identifier: 'admin',
} as const;

/** The six commands: docs/vendors/youme.md#commands. */
export const YoumeCommand = {
	USER_CALL_RECORDS: 'query_instance_all_records_by_time',
	ROOM_INFO: 'query_room_info',
	ALL_CALL_RECORDS: 'query_all_instance_by_time',
	VOLUME_TREND: 'count_business_total_volume_by_day',
	VOLUME_DISTRIBUTION: 'count_business_distribute_volume_by_day',
	QUALITY: 'count_qos_by_day',
} as const;

export type YoumeCommandName = (typeof YoumeCommand)[keyof typeof YoumeCommand];

export const YoumeError = {
	OK: 0,
	CONTENT_TYPE: -40000,
	APP_KEY: -40001,
	CHECKSUM: -40002,
	CURTIME: -40003,
	URL_EXPIRED: -40004,
	MISSING_USER_ID: -40005,
	BAD_JSON: -40006,
	BAD_COMMAND: -40007,
	INTERNAL: -40009,
	NO_DATA: -40012,
} as const;

export type YoumeErrorCode = (typeof YoumeError)[keyof typeof YoumeError];

/** Worded for an n8n user; the credential test and the node's errors both use it. */
export const YOUME_ERROR_MEANING: Record<YoumeErrorCode, string> = {
	[YoumeError.OK]: 'Success',
	[YoumeError.CONTENT_TYPE]: 'Wrong request method or content type (POST with JSON expected)',
	[YoumeError.APP_KEY]: 'Unknown app key or identifier: check the App Key and Identifier',
	[YoumeError.CHECKSUM]: 'Checksum mismatch: check the App Secret and REST API Key',
	[YoumeError.CURTIME]: "curtime outside Youme's 5-minute window: check this machine's clock",
	[YoumeError.URL_EXPIRED]: 'Request URL expired or replayed (seq must be unique)',
	[YoumeError.MISSING_USER_ID]: 'User ID missing',
	[YoumeError.BAD_JSON]: 'Malformed or invalid JSON body',
	[YoumeError.BAD_COMMAND]: 'Unknown command, API version or service name',
	[YoumeError.INTERNAL]: 'Youme internal error, try again later',
	[YoumeError.NO_DATA]: 'No data for this query',
};

export function describeYoumeError(code: number): string {
	return YOUME_ERROR_MEANING[code as YoumeErrorCode] ?? 'Unknown Youme error code';
}

/** Errors worth one more attempt with a fresh signature: the first one went stale on the way. */
export const YOUME_RESIGN_AND_RETRY = new Set<number>([YoumeError.CURTIME, YoumeError.URL_EXPIRED]);

/** `Status` in Youme's document, `ActionStatus` in its SDK (docs/vendors/youme.md#body-and-answer). */
export const YoumeStatus = { OK: 'OK', FAIL: 'FAIL' } as const;

export interface YoumeEnvelope {
	Status?: string;
	ActionStatus?: string;
	ErrorCode?: number;
	ErrorInfo?: string;
}

/**
 * CountBy of the volume trend (docs/vendors/youme.md#count_business_total_volume_by_day). 0 answers every category,
 * each point tagged with its own.
 */
export const YoumeTrendCountBy = {
	ALL: 0,
	CALL_DURATION: 1,
	ROOMS: 2,
	PEAK_CONCURRENT_USERS: 3,
	PARTICIPANTS: 4,
} as const;

export const YOUME_TREND_COUNT_BY_NAMES: Record<number, string> = {
	[YoumeTrendCountBy.ALL]: 'All',
	[YoumeTrendCountBy.CALL_DURATION]: 'Call Duration',
	[YoumeTrendCountBy.ROOMS]: 'Rooms',
	[YoumeTrendCountBy.PEAK_CONCURRENT_USERS]: 'Peak Concurrent Users',
	[YoumeTrendCountBy.PARTICIPANTS]: 'Participants',
};

/** CountBy of the volume distribution (docs/vendors/youme.md#count_business_distribute_volume_by_day). */
export const YoumeDistributionCountBy = {
	COUNTRY: 1,
	PROVINCE: 2,
	CITY: 3,
	NETWORK: 4,
} as const;

export const YOUME_DISTRIBUTION_COUNT_BY_NAMES: Record<number, string> = {
	[YoumeDistributionCountBy.COUNTRY]: 'Country',
	[YoumeDistributionCountBy.PROVINCE]: 'Province',
	[YoumeDistributionCountBy.CITY]: 'City',
	[YoumeDistributionCountBy.NETWORK]: 'Network Type',
};

/** Time fields Youme writes as Unix-second strings; the node adds an ISO twin of each. */
export const YOUME_UNIX_TIME_FIELDS = [
	'CreateTime',
	'DestroyTime',
	'EnterTime',
	'LeaveTime',
	'FirstEnterTime',
	'LastLeaveTime',
	'TickTime',
] as const;

interface YoumeSession {
	EnterTime: string;
	AudioDuration: number;
	VideoDuration: number;
	LeaveTime: string;
}

export type UserCallRecordsAnswer = YoumeEnvelope & {
	UserId: string;
	UserRecords: Array<{ RoomId: string; CreateTime: string; RoomRecords: YoumeSession[] }>;
};

export type RoomInfoAnswer = YoumeEnvelope & {
	RoomId: string;
	CreateTime: string;
	DestroyTime: string;
	Users: Array<{
		UserId: string;
		FirstEnterTime: string;
		LastLeaveTime: string;
		AudioDuration: number;
		VideoDuration: number;
	}>;
};

export type AllCallRecordsAnswer = YoumeEnvelope & {
	UsersList: Array<YoumeSession & { UserId: string; RoomId: string; CreateTime: string }>;
};

export type TrendAnswer = YoumeEnvelope & {
	TrendData: Array<{ TickTime: string; Volume: number; CountBy?: number }>;
};

export type DistributionAnswer = YoumeEnvelope & {
	DistributeData: Array<{
		TickTime: string;
		Region?: string;
		CommunicateDuration: number;
		RoomCnt: number;
		PeakOnlineNum: number;
		CommunicateNum: number;
	}>;
};

export type QualityAnswer = YoumeEnvelope & {
	QosData: Array<{
		TickTime: string;
		JoinRoomSuccRate: number;
		AudioPackLossRate: number;
		VideoPackLossRate: number;
		AudioDelayRate: number;
		VideoDelayRate: number;
	}>;
};
