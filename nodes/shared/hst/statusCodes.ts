/**
 * Business-gateway status codes (docs/vendors/hst.md#status-codes). Every HST answer is HTTP 200 with one of these
 * in `code`.
 */
export const HstStatus = {
	OK: 0,
	AUTHENTICATION_FAILED: 606000000,
	ACCESS_TOKEN_EXPIRED: 606000001,
	MISSING_PARAMETER: 606000002,
	BAD_PARAMETER: 606000003,
	REQUEST_TIMEOUT: 606000004,
	OPERATION_FAILED: 606000005,
	SYSTEM_BUSY: 606000006,
	/**
	 * Shown in the failure examples of HST's recording documents, with no meaning given; the sandbox
	 * answers it when a recording task or a group is not in a state that allows the call.
	 */
	MEDIA_TASK_REFUSED: 30001,
} as const;

export type HstStatusCode = (typeof HstStatus)[keyof typeof HstStatus];

/** What each code means, worded for an n8n user reading a failed execution. */
export const HST_STATUS_MEANING: Record<HstStatusCode, string> = {
	[HstStatus.OK]: 'Success',
	[HstStatus.AUTHENTICATION_FAILED]:
		'Authentication failed: check the developer ID and developer secret',
	[HstStatus.ACCESS_TOKEN_EXPIRED]:
		'Access token expired or replaced (HST keeps one valid token per developer account)',
	[HstStatus.MISSING_PARAMETER]: 'A required parameter is missing',
	[HstStatus.BAD_PARAMETER]: 'A parameter is invalid',
	[HstStatus.REQUEST_TIMEOUT]: 'Request timed out at the gateway',
	[HstStatus.OPERATION_FAILED]: 'Operation failed',
	[HstStatus.SYSTEM_BUSY]: 'System busy, try again later',
	[HstStatus.MEDIA_TASK_REFUSED]:
		'Refused by the recording or live service (the task or group is not in a state that allows this)',
};

export function describeHstStatus(code: number): string {
	return HST_STATUS_MEANING[code as HstStatusCode] ?? 'Unknown HST status code';
}
