import type { HstAppStatusValue, HstChargeTermId, HstServiceId } from './services';

/** Business-gateway paths: docs/vendors/hst.md#business-gateway, docs/vendors/hst.md#access-token. */
export const HstPath = {
	ACCESS_TOKEN: '/access/token',
	APP: '/v1/app',
	BILLING_RECORDS: '/v1/consuming/records',
	KICK_OUT: '/v1/kickout',
	ONLINE_USER_STATE: '/v1/online/user/state',
	SEND_COMMAND: '/v1/online/trans-cmd',
	INVITE: '/v1/online/invite',
} as const;

/** Every answer: HTTP 200, `code` 0 on success, `result` carrying the payload when there is one. */
export type HstEnvelope<T = unknown> = {
	code: number;
	msg: string;
	result?: T;
};

/** An envelope with whatever else the answer carries next to `code` (the recording and live APIs). */
export type HstAnswer<T = unknown> = HstEnvelope<T> & Record<string, unknown>;

export type AccessTokenResult = {
	timeout: number;
	access_token: string;
};

export type AppServiceRequest = {
	service_id: HstServiceId;
	use_limit?: number;
};

export type CreateAppRequest = {
	app_name: string;
	status: HstAppStatusValue;
	consumption_limit?: number;
	service: AppServiceRequest[];
};

export type UpdateAppRequest = Partial<CreateAppRequest> & {
	app_id: string;
};

export type AppResult = {
	app_id: string;
	app_secret: string;
	app_name: string;
	status: HstAppStatusValue;
	consumption_limit?: number;
	service: Array<{ service_id: HstServiceId; service_name: string; use_limit?: number }>;
};

export type BillingRecord = {
	app_id: string;
	app_name: string;
	product_id: number;
	product_name: string;
	amount: number;
	price: number;
	charge_term: HstChargeTermId;
	start_time: string;
	end_time: string;
	total_time: number;
	group_id: string;
	resolution: string;
	total_sig_num: number;
	stream_id: string;
	client_id: string;
	transfer_type: 1 | 2;
};

export type KickOutRequest = {
	app_id: string;
	user_id: string;
	mutex_type?: string;
};

export const HstOnlineState = { OFFLINE: 0, ONLINE: 1 } as const;

export type OnlineUserState = {
	state: (typeof HstOnlineState)[keyof typeof HstOnlineState];
	user_id: string;
	terminal_seq_num: string;
	mutex_type: string;
};

export type OnlineUserStateResult = {
	msg_id: number;
	user_list: OnlineUserState[];
};

export type CommandTarget = {
	user_id: string;
	mutex_type: string;
	client_guid: string;
};

export type SendCommandRequest = {
	app_id: string;
	msg_id: number;
	user_list: CommandTarget[];
	trans_mess: Record<string, unknown>;
};

/** Per-terminal delivery result of trans-cmd: docs/vendors/hst.md#online-users. */
export const HstCommandDelivery = { DELIVERED: 0, FAILED: 1, TERMINAL_OFFLINE: 2 } as const;

export type SendCommandResult = {
	msg_id: number;
	user_list: Array<{
		result: (typeof HstCommandDelivery)[keyof typeof HstCommandDelivery];
		user_id: string;
		terminal_seq_num: string;
		mutex_type: string;
	}>;
};

export type InviteRequest = {
	app_id: string;
	group_id: string;
	user_id_list: string[];
	seq_id: number;
	extend_info?: Record<string, unknown>;
};

export type InviteResult = {
	seq_id: number;
	/** The users the invite could not reach. */
	user_id_list: string[];
};
