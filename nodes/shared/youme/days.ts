import { DateTime } from 'luxon';

import { toEpochMilliseconds } from '../dates';

/** Youme counts days in UTC+8 (docs/vendors/youme.md#times-and-days). */
const YOUME_TIME_ZONE = 'Asia/Shanghai';

/**
 * `QueryDate` (yyyymmdd, UTC+8). A calendar date without a time zone (the date picker, "2026-01-31",
 * "20260131") is the day the user means and is taken as it is; an instant (a value with an offset, a
 * Luxon DateTime, epoch milliseconds) becomes the UTC+8 day containing it. Undefined when not a date.
 */
export function toYoumeQueryDate(value: unknown, timeZone: string): string | undefined {
	if (typeof value === 'string') {
		const text = value.trim();
		const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
		const zoneless = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(
			text,
		);
		const parts = compact ?? zoneless;
		if (parts) {
			const day = DateTime.fromObject(
				{ year: +parts[1], month: +parts[2], day: +parts[3] },
				{ zone: 'UTC' },
			);
			return day.isValid ? day.toFormat('yyyyLLdd') : undefined;
		}
	}
	const instant = toEpochMilliseconds(value, timeZone);
	return instant === undefined
		? undefined
		: DateTime.fromMillis(instant, { zone: YOUME_TIME_ZONE }).toFormat('yyyyLLdd');
}

/** Unix-second strings, as Youme wants `BeginTime`/`EndTime` (docs/vendors/youme.md#times-and-days). */
export function toUnixSecondsString(milliseconds: number): string {
	return String(Math.floor(milliseconds / 1000));
}

/** ISO 8601 (UTC) of a Unix-second string; undefined when it is not one. */
export function unixSecondsToIso(value: unknown): string | undefined {
	const seconds =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\d+$/.test(value)
				? Number(value)
				: NaN;
	return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : undefined;
}
