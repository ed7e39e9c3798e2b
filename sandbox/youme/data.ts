import type {
	AllCallRecordsAnswer,
	DistributionAnswer,
	QualityAnswer,
	TrendAnswer,
} from '../../nodes/shared/youme/protocol';
import { YoumeTrendCountBy } from '../../nodes/shared/youme/protocol';
import { between, seedOf, seededRandom, shuffle } from '../random';
import { YOUME_FIRST_DAY, YOUME_REGIONS, YOUME_ROOMS, YOUME_USERS } from './seed';

/**
 * Youme's data as a pure function of the UTC+8 day: rooms whose users enter and leave several times,
 * the hourly curves derived from those sessions, a regional split and a quality series.
 */

const DAY_SECONDS = 24 * 60 * 60;
const UTC8_OFFSET_SECONDS = 8 * 60 * 60;

export type Session = AllCallRecordsAnswer['UsersList'][number];

/** Day number (days since 1970-01-01 in UTC+8) of a yyyymmdd string. */
export function dayNumber(queryDate: string): number {
	const seconds =
		Date.UTC(+queryDate.slice(0, 4), +queryDate.slice(4, 6) - 1, +queryDate.slice(6, 8)) / 1000;
	return Math.floor(seconds / DAY_SECONDS);
}

function todayNumber(nowMs = Date.now()): number {
	return Math.floor((nowMs / 1000 + UTC8_OFFSET_SECONDS) / DAY_SECONDS);
}

function dayStartSeconds(day: number): number {
	return day * DAY_SECONDS - UTC8_OFFSET_SECONDS;
}

export function hasData(day: number, nowMs = Date.now()): boolean {
	return day >= dayNumber(YOUME_FIRST_DAY) && day <= todayNumber(nowMs);
}

/** Every stay in every room on one day, ordered by enter time. */
/** Days are generated once: a query without time bounds spans every day since the first, on each call. */
const sessionsByDay = new Map<number, readonly Session[]>();

function sessionsOfDay(day: number): readonly Session[] {
	let sessions = sessionsByDay.get(day);
	if (!sessions) {
		sessions = generateSessionsOfDay(day);
		sessionsByDay.set(day, sessions);
	}
	return sessions;
}

function generateSessionsOfDay(day: number): Session[] {
	const sessions: Session[] = [];
	for (const roomId of YOUME_ROOMS) {
		const random = seededRandom(seedOf(`${roomId}:${day}`));
		const created = dayStartSeconds(day) + between(random, 8, 20) * 3600 + between(random, 0, 3599);
		const users = shuffle(random, YOUME_USERS).slice(0, between(random, 2, 5));
		for (const userId of users) {
			let enter = created + between(random, 10, 600);
			for (let stay = between(random, 1, 3); stay > 0; stay--) {
				const length = between(random, 60, 1800);
				sessions.push({
					UserId: userId,
					RoomId: roomId,
					CreateTime: String(created),
					EnterTime: String(enter),
					LeaveTime: String(enter + length),
					AudioDuration: between(random, Math.floor(length / 2), length),
					VideoDuration: between(random, 0, length),
				});
				enter += length + between(random, 30, 900);
			}
		}
	}
	return sessions.sort(
		(left, right) =>
			Number(left.EnterTime) - Number(right.EnterTime) || left.UserId.localeCompare(right.UserId),
	);
}

/** Stays that begin within [begin, end] (Unix seconds), over the days that have data. */
export function sessionsBetween(begin: number, end: number, nowMs = Date.now()): Session[] {
	const first = Math.max(
		Math.floor((begin + UTC8_OFFSET_SECONDS) / DAY_SECONDS),
		dayNumber(YOUME_FIRST_DAY),
	);
	const last = Math.min(Math.floor((end + UTC8_OFFSET_SECONDS) / DAY_SECONDS), todayNumber(nowMs));
	const found: Session[] = [];
	for (let day = first; day <= last; day++) {
		for (const session of sessionsOfDay(day)) {
			if (Number(session.EnterTime) >= begin && Number(session.EnterTime) <= end)
				found.push(session);
		}
	}
	return found;
}

const hourTicks = (day: number) =>
	Array.from({ length: 24 }, (_, hour) => dayStartSeconds(day) + hour * 3600);

/** The day's curve for one CountBy, derived from its sessions, one point per hour. */
export function trendOfDay(day: number, countBy: number): TrendAnswer['TrendData'] {
	const sessions = sessionsOfDay(day);
	const categories = countBy === YoumeTrendCountBy.ALL ? [1, 2, 3, 4] : [countBy];
	return categories.flatMap((category) =>
		hourTicks(day).map((tick) => {
			const inHour = sessions.filter(
				(session) => Number(session.EnterTime) < tick + 3600 && Number(session.LeaveTime) > tick,
			);
			const volume =
				category === YoumeTrendCountBy.CALL_DURATION
					? inHour.reduce(
							(sum, session) =>
								sum +
								Math.min(Number(session.LeaveTime), tick + 3600) -
								Math.max(Number(session.EnterTime), tick),
							0,
						)
					: category === YoumeTrendCountBy.ROOMS
						? new Set(inHour.map((session) => session.RoomId)).size
						: category === YoumeTrendCountBy.PEAK_CONCURRENT_USERS
							? peakConcurrent(inHour, tick)
							: new Set(inHour.map((session) => session.UserId)).size;
			const point = { TickTime: String(tick), Volume: volume };
			return countBy === YoumeTrendCountBy.ALL ? { ...point, CountBy: category } : point;
		}),
	);
}

function peakConcurrent(sessions: Session[], tick: number): number {
	const edges = sessions.flatMap((session) => [
		{ at: Math.max(Number(session.EnterTime), tick), change: 1 },
		{ at: Math.min(Number(session.LeaveTime), tick + 3600), change: -1 },
	]);
	edges.sort((left, right) => left.at - right.at || left.change - right.change);
	let current = 0;
	let peak = 0;
	for (const edge of edges) {
		current += edge.change;
		peak = Math.max(peak, current);
	}
	return peak;
}

export function distributionOfDay(
	day: number,
	countBy: number,
): DistributionAnswer['DistributeData'] {
	return (YOUME_REGIONS[countBy] ?? []).map((region) => {
		const random = seededRandom(seedOf(`${region}:${countBy}:${day}`));
		return {
			TickTime: String(dayStartSeconds(day)),
			Region: region,
			CommunicateDuration: between(random, 1000, 90000),
			RoomCnt: between(random, 10, 400),
			PeakOnlineNum: between(random, 100, 40000),
			CommunicateNum: between(random, 50, 900),
		};
	});
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Hourly quality with one bad hour a day, so reports have something to flag. */
export function qualityOfDay(day: number): QualityAnswer['QosData'] {
	const random = seededRandom(seedOf(`qos:${day}`));
	const badHour = between(random, 0, 23);
	return hourTicks(day).map((tick, hour) => {
		const bad = hour === badHour;
		return {
			TickTime: String(tick),
			JoinRoomSuccRate: round(bad ? 70 + random() * 15 : 95 + random() * 4.9, 3),
			AudioPackLossRate: round(bad ? 12 + random() * 10 : random() * 3, 2),
			VideoPackLossRate: round(bad ? 15 + random() * 12 : random() * 4, 2),
			AudioDelayRate: round(bad ? 180 + random() * 120 : 30 + random() * 50, 2),
			VideoDelayRate: round(bad ? 220 + random() * 150 : 40 + random() * 60, 2),
		};
	});
}
