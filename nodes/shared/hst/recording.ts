/**
 * HST cloud recording and live streaming on the business gateway (docs/vendors/hst.md#cloud-recording,
 * docs/vendors/hst.md#live-streaming): paths, codes and the names the node and the sandbox give them.
 * Ranges are not shared: the node checks what it sends, the sandbox checks what it receives, each from
 * the vendor documents.
 */

export const HstRecordPath = {
	INIT: '/v1/record/init',
	SET_LAYOUT: '/v1/record/set/layout',
	SET_OVERLAY: '/v1/record/set-output-overlay',
	SUSPEND: '/v1/record/suspend',
	RESUME: '/v1/record/resume',
	FINISH: '/v1/record/finish',
	TASK_LIST: '/v1/record/task/list',
	DOWNLOAD_URLS: '/v1/record/file/download/url',
	DELETE: '/v1/record/file',
} as const;

export const HstLivePath = {
	START: '/v1/live/start',
	STOP: '/v1/live/stop',
	LIST: '/v1/live/list',
} as const;

/** Task status (`status` of the task list, `record_statue` of event 20104). 7 appears only in HST's demo. */
export const HstRecordStatus = {
	FAILED: -1,
	INITIALIZED: 1,
	RECORDING: 2,
	WAITING_TO_ENCODE: 3,
	ENCODING: 4,
	UPLOADING: 5,
	DONE: 6,
	PAUSED: 7,
} as const;

export type HstRecordStatusId = (typeof HstRecordStatus)[keyof typeof HstRecordStatus];

/** Names as the node offers and outputs them (`status_name`, the trigger's `recordStatusName`). */
export const HST_RECORD_STATUS_NAMES: Record<HstRecordStatusId, string> = {
	[HstRecordStatus.FAILED]: 'failed',
	[HstRecordStatus.INITIALIZED]: 'initialized',
	[HstRecordStatus.RECORDING]: 'recording',
	[HstRecordStatus.WAITING_TO_ENCODE]: 'waitingToEncode',
	[HstRecordStatus.ENCODING]: 'encoding',
	[HstRecordStatus.UPLOADING]: 'uploading',
	[HstRecordStatus.DONE]: 'done',
	[HstRecordStatus.PAUSED]: 'paused',
};

export function hstRecordStatusName(status: unknown): string {
	return HST_RECORD_STATUS_NAMES[Number(status) as HstRecordStatusId] ?? 'unknown';
}

/** `mode` of `POST /v1/record/file`. */
export const HstRecordDeleteMode = {
	FILES_AND_RECORD: 1,
	FILES_ONLY: 2,
	RECORD_ONLY: 3,
} as const;

export type HstRecordDeleteModeId = (typeof HstRecordDeleteMode)[keyof typeof HstRecordDeleteMode];

export const HST_RECORD_DELETE_MODE_NAMES: Record<HstRecordDeleteModeId, string> = {
	[HstRecordDeleteMode.FILES_AND_RECORD]: 'filesAndRecord',
	[HstRecordDeleteMode.FILES_ONLY]: 'filesOnly',
	[HstRecordDeleteMode.RECORD_ONLY]: 'recordOnly',
};

/** `file_type` of init. */
export const HstRecordFileType = { MP4: 0, MP3: 1 } as const;

/** `auto.type` of init. */
export const HstAutoLayout = { EVEN: 1, MAIN_SPEAKER: 2 } as const;

/** `crop_mode` of init's `auto`, of layout videos and of live start. */
export const HstCropMode = { STRETCH: 1, SCALE_AND_CROP: 2, SCALE_AND_FIT: 3 } as const;

/** `media_type` of layout entries; the same ids as the event gateway's media types. */
export const HstLayoutMediaType = { SCREEN_SHARE: 0, AUDIO: 1, CAMERA: 2, WHITEBOARD: 4 } as const;

/** `quality_level` of live start. */
export const HstLiveQuality = { SMOOTH: 1, STANDARD: 2, HIGH: 3 } as const;

const UTC8_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * `yyyy-MM-dd HH:mm:ss` in UTC+8: how HST writes recording times, and how the node sends the task
 * list's time filters, whose format HST leaves undocumented (docs/vendors/hst.md#cloud-recording).
 */
export function toHstTime(milliseconds: number): string {
	return new Date(milliseconds + UTC8_OFFSET_MS).toISOString().replace('T', ' ').slice(0, 19);
}

/** The most task records HST answers per page (`page_size` 1 to 500). */
export const HST_RECORD_MAX_PAGE_SIZE = 500;
