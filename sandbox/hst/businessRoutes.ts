import {
	HstCommandDelivery,
	HstOnlineState,
	HstPath,
	type InviteResult,
	type OnlineUserState,
	type OnlineUserStateResult,
	type SendCommandResult,
} from '../../nodes/shared/hst/api';
import {
	HST_APP_NAME_PATTERN,
	HST_MAX_PAGE_SIZE,
	HstAppStatus,
	HST_SERVICE_NAMES,
	type HstAppStatusValue,
	type HstServiceId,
} from '../../nodes/shared/hst/services';
import { HstStatus } from '../../nodes/shared/hst/statusCodes';
import { isPlainObject } from '../http/exchange';
import { billingRecords } from './billing';
import {
	GatewayError,
	bad,
	optionalInteger,
	optionalString,
	requiredArray,
	requiredInteger,
	requiredObject,
	requiredString,
} from './validate';
import { appResult, type AppState, type HstWorld } from './world';

/** One authenticated business call, as a route sees it. */
export interface BusinessCall {
	developerId: string;
	query: Record<string, string>;
	body: Record<string, unknown>;
	world: HstWorld;
	now: number;
	/** The gateway's own URL, for URLs it hands out (recording files). */
	baseUrl: string;
}

type Route = (call: BusinessCall) => unknown;

/**
 * The eight business operations (docs/vendors/hst.md#business-gateway), keyed by `METHOD path`. Each returns `result`
 * or throws GatewayError.
 */
export const businessRoutes: Record<string, Route> = {
	[`POST ${HstPath.APP}`]: createApp,
	[`PATCH ${HstPath.APP}`]: updateApp,
	[`DELETE ${HstPath.APP}`]: deleteApp,
	[`GET ${HstPath.BILLING_RECORDS}`]: listBillingRecords,
	[`POST ${HstPath.KICK_OUT}`]: kickOut,
	[`GET ${HstPath.ONLINE_USER_STATE}`]: onlineUserState,
	[`POST ${HstPath.SEND_COMMAND}`]: sendCommand,
	[`POST ${HstPath.INVITE}`]: invite,
};

/**
 * Routes whose parameters travel in the query string (docs/vendors/hst.md#business-gateway-requests-and-answers);
 * the others take a JSON body.
 */
export const QUERY_ROUTES = new Set([
	`DELETE ${HstPath.APP}`,
	`GET ${HstPath.BILLING_RECORDS}`,
	`GET ${HstPath.ONLINE_USER_STATE}`,
]);

function appName(source: Record<string, unknown>): string {
	const name = requiredString(source, 'app_name');
	if (!HST_APP_NAME_PATTERN.test(name))
		throw bad('app_name', 'only Chinese and English letters and underscore');
	return name;
}

function status(source: Record<string, unknown>): HstAppStatusValue {
	const value = requiredString(source, 'status');
	if (value !== HstAppStatus.ONLINE && value !== HstAppStatus.OFFLINE)
		throw bad('status', 'online or offline');
	return value;
}

function services(
	source: Record<string, unknown>,
): Array<{ service_id: HstServiceId; use_limit?: number }> {
	const seen = new Set<number>();
	return requiredArray(source, 'service').map((entry) => {
		if (!isPlainObject(entry)) throw bad('service', 'entries must be objects');
		const given = requiredInteger(entry, 'service_id');
		if (!(given in HST_SERVICE_NAMES)) throw bad('service_id', `unknown service ${given}`);
		const serviceId = given as HstServiceId;
		if (seen.has(serviceId)) throw bad('service_id', `service ${serviceId} listed twice`);
		seen.add(serviceId);
		const useLimit = optionalInteger(entry, 'use_limit', { min: 0 });
		return useLimit === undefined
			? { service_id: serviceId }
			: { service_id: serviceId, use_limit: useLimit };
	});
}

export function ownedApp(call: BusinessCall, appId: string): AppState {
	const app = call.world.appOf(call.developerId, appId);
	if (!app) throw bad('app_id', `no app ${appId} in this developer account`);
	return app;
}

function createApp(call: BusinessCall) {
	const name = appName(call.body);
	// Later HST documents make status required on create (docs/vendors/hst.md#apps): the emulator holds clients
	// to that.
	const app = call.world.createApp(call.developerId, {
		appName: name,
		status: status(call.body),
		consumptionLimit: optionalInteger(call.body, 'consumption_limit', { min: 0 }),
		services: services(call.body),
	});
	return appResult(app);
}

function updateApp(call: BusinessCall) {
	const app = ownedApp(call, requiredString(call.body, 'app_id'));
	const changes: Partial<AppState> = {};
	if (call.body.app_name !== undefined) changes.appName = appName(call.body);
	if (call.body.status !== undefined) changes.status = status(call.body);
	if (call.body.consumption_limit !== undefined) {
		changes.consumptionLimit = requiredInteger(call.body, 'consumption_limit', { min: 0 });
	}
	if (call.body.service !== undefined) changes.services = services(call.body);
	Object.assign(app, changes);
	return appResult(app);
}

function deleteApp(call: BusinessCall) {
	const app = ownedApp(call, requiredString(call.query, 'app_id'));
	call.world.apps.delete(app.appId);
	return undefined;
}

function listBillingRecords(call: BusinessCall) {
	const start = requiredInteger(call.query, 'start_time', { min: 0 });
	const end = requiredInteger(call.query, 'end_time', { min: 0 });
	const page = requiredInteger(call.query, 'page', { min: 1 });
	const pageSize = requiredInteger(call.query, 'page_size', { min: 1, max: HST_MAX_PAGE_SIZE });
	if (end < start) throw bad('end_time', 'before start_time');
	const appId = optionalString(call.query, 'app_id');
	const apps = appId ? [ownedApp(call, appId)] : call.world.appsOf(call.developerId);
	const records = billingRecords(apps, start, end);
	return records.slice((page - 1) * pageSize, page * pageSize);
}

function kickOut(call: BusinessCall) {
	const app = ownedApp(call, requiredString(call.body, 'app_id'));
	const userId = requiredString(call.body, 'user_id');
	const mutexType = optionalString(call.body, 'mutex_type');
	const user = app.users.get(userId);
	const kicked =
		user?.terminals.filter(
			(terminal) => mutexType === undefined || terminal.mutexType === mutexType,
		) ?? [];
	if (!user || kicked.length === 0) {
		throw new GatewayError(
			HstStatus.OPERATION_FAILED,
			`user ${userId} has no online terminal to kick out`,
		);
	}
	user.terminals = user.terminals.filter((terminal) => !kicked.includes(terminal));
	return undefined;
}

function onlineUserState(call: BusinessCall): OnlineUserStateResult {
	const app = ownedApp(call, requiredString(call.query, 'app_id'));
	const msgId = requiredInteger(call.query, 'msg_id');
	optionalString(call.query, 'company_id');
	const page = optionalInteger(call.query, 'page', { min: 1 });
	const pageSize = optionalInteger(call.query, 'page_size', { min: 1 });
	const states: OnlineUserState[] = [...app.users.values()]
		.sort((left, right) => left.userId.localeCompare(right.userId))
		.flatMap((user): OnlineUserState[] =>
			user.terminals.length === 0
				? [
						{
							state: HstOnlineState.OFFLINE,
							user_id: user.userId,
							terminal_seq_num: '',
							mutex_type: '',
						},
					]
				: user.terminals.map((terminal) => ({
						state: HstOnlineState.ONLINE,
						user_id: user.userId,
						terminal_seq_num: terminal.terminalSeqNum,
						mutex_type: terminal.mutexType,
					})),
		);
	const userList =
		page !== undefined && pageSize !== undefined
			? states.slice((page - 1) * pageSize, page * pageSize)
			: states;
	return { msg_id: msgId, user_list: userList };
}

function sendCommand(call: BusinessCall): SendCommandResult {
	const app = ownedApp(call, requiredString(call.body, 'app_id'));
	const msgId = requiredInteger(call.body, 'msg_id');
	const message = requiredObject(call.body, 'trans_mess');
	const targets = requiredArray(call.body, 'user_list').map((entry) => {
		if (!isPlainObject(entry)) throw bad('user_list', 'entries must be objects');
		return {
			user_id: requiredString(entry, 'user_id'),
			mutex_type: requiredString(entry, 'mutex_type'),
			client_guid: requiredString(entry, 'client_guid'),
		};
	});
	call.world.commands.push({ at: call.now, appId: app.appId, msgId, targets, message });
	return {
		msg_id: msgId,
		user_list: targets.map((target) => {
			const terminals = app.users.get(target.user_id)?.terminals ?? [];
			const terminal = terminals.find(
				(candidate) =>
					candidate.mutexType === target.mutex_type && candidate.clientGuid === target.client_guid,
			);
			const result =
				terminals.length === 0
					? HstCommandDelivery.TERMINAL_OFFLINE
					: terminal
						? HstCommandDelivery.DELIVERED
						: HstCommandDelivery.FAILED;
			return {
				result,
				user_id: target.user_id,
				terminal_seq_num: terminal?.terminalSeqNum ?? '',
				mutex_type: target.mutex_type,
			};
		}),
	};
}

function invite(call: BusinessCall): InviteResult {
	const app = ownedApp(call, requiredString(call.body, 'app_id'));
	const groupId = requiredString(call.body, 'group_id');
	const userIds = requiredArray(call.body, 'user_id_list').map((userId) => {
		if (typeof userId !== 'string' || userId === '')
			throw bad('user_id_list', 'entries must be non-empty strings');
		return userId;
	});
	const seqId = requiredInteger(call.body, 'seq_id');
	const extendInfo = call.body.extend_info;
	if (extendInfo !== undefined && !isPlainObject(extendInfo))
		throw bad('extend_info', 'must be an object');
	if (userIds.length > 500) throw bad('user_id_list', 'at most 500 users');
	const failed = userIds.filter((userId) => (app.users.get(userId)?.terminals.length ?? 0) === 0);
	call.world.invites.push({
		at: call.now,
		appId: app.appId,
		groupId,
		seqId,
		userIds,
		failedUserIds: failed,
		extendInfo: extendInfo as Record<string, unknown> | undefined,
	});
	return { seq_id: seqId, user_id_list: failed };
}
