import {
	YoumeCommand,
	YoumeDistributionCountBy,
	YoumeError,
	YoumeTrendCountBy,
	type RoomInfoAnswer,
	type UserCallRecordsAnswer,
	type YoumeCommandName,
	type YoumeErrorCode,
} from '../../nodes/shared/youme/protocol';
import {
	dayNumber,
	distributionOfDay,
	hasData,
	qualityOfDay,
	sessionsBetween,
	trendOfDay,
} from './data';

/** A refusal Youme answers as HTTP 200 with `ErrorCode` and `ErrorInfo`. */
export class YoumeRefusal extends Error {
	constructor(
		readonly code: YoumeErrorCode,
		message: string,
	) {
		super(message);
	}
}

type Body = Record<string, unknown>;

const badBody = (why: string) => new YoumeRefusal(YoumeError.BAD_JSON, why);

/** Unix-second strings, as Youme's document writes them (docs/vendors/youme.md#times-and-days). */
function unixSeconds(body: Body, name: string, required: boolean): number | undefined {
	const value = body[name];
	if (value === undefined || value === null || value === '') {
		if (required) throw badBody(`missing ${name}`);
		return undefined;
	}
	if (typeof value !== 'string' || !/^\d{1,11}$/.test(value))
		throw badBody(`${name} must be a Unix timestamp string in seconds`);
	return Number(value);
}

function timeRange(body: Body, required: boolean): { begin: number; end: number } {
	const begin = unixSeconds(body, 'BeginTime', required) ?? 0;
	const end = unixSeconds(body, 'EndTime', required) ?? Math.floor(Date.now() / 1000);
	if (end < begin) throw badBody('EndTime before BeginTime');
	return { begin, end };
}

function queryDate(body: Body): number {
	const value = body.QueryDate;
	if (value === undefined || value === '') throw badBody('missing QueryDate');
	if (typeof value !== 'string' || !/^\d{8}$/.test(value))
		throw badBody('QueryDate must be yyyymmdd');
	const date = new Date(Date.UTC(+value.slice(0, 4), +value.slice(4, 6) - 1, +value.slice(6, 8)));
	if (date.getUTCDate() !== +value.slice(6, 8)) throw badBody('QueryDate is not a calendar day');
	const day = dayNumber(value);
	if (!hasData(day)) throw new YoumeRefusal(YoumeError.NO_DATA, `no data for ${value}`);
	return day;
}

function countBy(body: Body, allowed: number[]): number {
	const value = body.CountBy;
	if (value === undefined) throw badBody('missing CountBy');
	if (typeof value !== 'number' || !allowed.includes(value))
		throw badBody(`CountBy must be one of ${allowed.join(', ')}`);
	return value;
}

function requiredString(
	body: Body,
	name: string,
	missingCode: YoumeErrorCode = YoumeError.BAD_JSON,
): string {
	const value = body[name];
	if (value === undefined || value === null || value === '')
		throw new YoumeRefusal(missingCode, `missing ${name}`);
	if (typeof value !== 'string') throw badBody(`${name} must be a string`);
	return value;
}

function userCallRecords(body: Body): Omit<UserCallRecordsAnswer, 'Status'> {
	const userId = requiredString(body, 'UserId', YoumeError.MISSING_USER_ID);
	const { begin, end } = timeRange(body, true);
	const rooms = new Map<string, UserCallRecordsAnswer['UserRecords'][number]>();
	for (const session of sessionsBetween(begin, end).filter(
		(candidate) => candidate.UserId === userId,
	)) {
		const room = rooms.get(`${session.RoomId}:${session.CreateTime}`) ?? {
			RoomId: session.RoomId,
			CreateTime: session.CreateTime,
			RoomRecords: [],
		};
		room.RoomRecords.push({
			EnterTime: session.EnterTime,
			AudioDuration: session.AudioDuration,
			VideoDuration: session.VideoDuration,
			LeaveTime: session.LeaveTime,
		});
		rooms.set(`${session.RoomId}:${session.CreateTime}`, room);
	}
	return { UserId: userId, UserRecords: [...rooms.values()] };
}

function roomInfo(body: Body): Omit<RoomInfoAnswer, 'Status'> {
	const roomId = requiredString(body, 'RoomId');
	const { begin, end } = timeRange(body, false);
	const sessions = sessionsBetween(begin, end).filter((session) => session.RoomId === roomId);
	if (sessions.length === 0)
		throw new YoumeRefusal(YoumeError.NO_DATA, `no activity in room ${roomId}`);
	const users = new Map<string, RoomInfoAnswer['Users'][number]>();
	for (const session of sessions) {
		const user = users.get(session.UserId);
		if (!user) {
			users.set(session.UserId, {
				UserId: session.UserId,
				FirstEnterTime: session.EnterTime,
				LastLeaveTime: session.LeaveTime,
				AudioDuration: session.AudioDuration,
				VideoDuration: session.VideoDuration,
			});
			continue;
		}
		user.LastLeaveTime = String(Math.max(Number(user.LastLeaveTime), Number(session.LeaveTime)));
		user.AudioDuration += session.AudioDuration;
		user.VideoDuration += session.VideoDuration;
	}
	const lastLeave = sessions.reduce(
		(latest, session) => Math.max(latest, Number(session.LeaveTime)),
		Number.NEGATIVE_INFINITY,
	);
	return {
		RoomId: roomId,
		CreateTime: sessions[0].CreateTime,
		DestroyTime: String(lastLeave + 60),
		Users: [...users.values()],
	};
}

/** The six commands (docs/vendors/youme.md#commands): each returns the answer's payload or throws a YoumeRefusal. */
export const youmeCommands: Record<YoumeCommandName, (body: Body) => object> = {
	[YoumeCommand.USER_CALL_RECORDS]: userCallRecords,
	[YoumeCommand.ROOM_INFO]: roomInfo,
	[YoumeCommand.ALL_CALL_RECORDS]: (body) => {
		const { begin, end } = timeRange(body, true);
		return { UsersList: sessionsBetween(begin, end) };
	},
	[YoumeCommand.VOLUME_TREND]: (body) => {
		const day = queryDate(body);
		return { TrendData: trendOfDay(day, countBy(body, Object.values(YoumeTrendCountBy))) };
	},
	[YoumeCommand.VOLUME_DISTRIBUTION]: (body) => {
		const day = queryDate(body);
		return {
			DistributeData: distributionOfDay(
				day,
				countBy(body, Object.values(YoumeDistributionCountBy)),
			),
		};
	},
	[YoumeCommand.QUALITY]: (body) => ({ QosData: qualityOfDay(queryDate(body)) }),
};

export function isYoumeCommand(name: string): name is YoumeCommandName {
	return Object.prototype.hasOwnProperty.call(youmeCommands, name);
}
