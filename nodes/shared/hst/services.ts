/**
 * Service IDs an app can enable (docs/vendors/hst.md#service-ids), and billing charge terms
 * (docs/vendors/hst.md#charge-terms). The names are what the node shows in its dropdowns and what the sandbox
 * answers as `service_name`.
 */
export const HstService = {
	VIDEO: 3,
	AUDIO: 4,
	SCREEN_SHARE: 5,
	SIGNALLING: 6,
	ONLINE: 7,
	RECORDING: 8,
	WECHAT_MINI_PROGRAM: 9,
} as const;

export type HstServiceId = (typeof HstService)[keyof typeof HstService];

export const HST_SERVICE_NAMES: Record<HstServiceId, string> = {
	[HstService.VIDEO]: 'Video',
	[HstService.AUDIO]: 'Audio',
	[HstService.SCREEN_SHARE]: 'Screen Share',
	[HstService.SIGNALLING]: 'Signalling Channel',
	[HstService.ONLINE]: 'Online Presence',
	[HstService.RECORDING]: 'Recording',
	[HstService.WECHAT_MINI_PROGRAM]: 'WeChat Mini Program',
};

export function isHstServiceId(value: unknown): value is HstServiceId {
	return typeof value === 'number' && value in HST_SERVICE_NAMES;
}

export const HstChargeTerm = {
	AUDIO: 1,
	VIDEO: 2,
	SCREEN_SHARE: 4,
	SIGNALLING_COUNT: 6,
	PEAK_ONLINE: 7,
	RECORDING_RESOLUTION_DURATION: 8,
	RECORDING_STORAGE: 9,
	RECORDING_TRAFFIC: 10,
	MINI_PROGRAM_AUDIO: 11,
	MINI_PROGRAM_VIDEO: 12,
} as const;

export type HstChargeTermId = (typeof HstChargeTerm)[keyof typeof HstChargeTerm];

export const HST_CHARGE_TERM_NAMES: Record<HstChargeTermId, string> = {
	[HstChargeTerm.AUDIO]: 'Audio',
	[HstChargeTerm.VIDEO]: 'Video',
	[HstChargeTerm.SCREEN_SHARE]: 'Screen Share',
	[HstChargeTerm.SIGNALLING_COUNT]: 'Signalling Count',
	[HstChargeTerm.PEAK_ONLINE]: 'Peak Online Users',
	[HstChargeTerm.RECORDING_RESOLUTION_DURATION]: 'Recording Resolution Duration',
	[HstChargeTerm.RECORDING_STORAGE]: 'Recording Storage',
	[HstChargeTerm.RECORDING_TRAFFIC]: 'Recording Traffic',
	[HstChargeTerm.MINI_PROGRAM_AUDIO]: 'Mini Program Audio',
	[HstChargeTerm.MINI_PROGRAM_VIDEO]: 'Mini Program Video',
};

/** App status values (docs/vendors/hst.md#apps). */
export const HstAppStatus = { ONLINE: 'online', OFFLINE: 'offline' } as const;
export type HstAppStatusValue = (typeof HstAppStatus)[keyof typeof HstAppStatus];

/** Chinese and English letters and underscore only (docs/vendors/hst.md#apps). */
export const HST_APP_NAME_PATTERN = /^[A-Za-z_\u4e00-\u9fa5]+$/;

/** The gateway refuses bigger pages on /v1/consuming/records (docs/vendors/hst.md#billing-records). */
export const HST_MAX_PAGE_SIZE = 100;
