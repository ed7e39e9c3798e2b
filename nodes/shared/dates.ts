import { DateTime } from 'luxon';

/**
 * Date inputs arrive as the editor's date picker writes them (ISO text without an offset, meant in the
 * workflow's time zone), as ISO text with an offset, as Luxon DateTimes or JS Dates from expressions,
 * or as epoch numbers. Every form becomes an instant.
 */

/** Numbers at or above this are milliseconds; below it, seconds (1e11 s is the year 5138). */
const EPOCH_MILLISECONDS_THRESHOLD = 1e11;

export const DATE_INPUT_HELP =
	'Use the date picker, an ISO date such as 2026-01-31T08:00:00+08:00, or epoch milliseconds';

/** Epoch milliseconds, or undefined when the value is not a date. */
export function toEpochMilliseconds(value: unknown, timeZone: string): number | undefined {
	if (value instanceof Date) return finite(value.getTime());
	if (isLuxonLike(value)) return finite(value.toMillis());
	if (typeof value === 'number')
		return finite(value >= EPOCH_MILLISECONDS_THRESHOLD ? value : value * 1000);
	if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		if (/^\d+$/.test(text)) return toEpochMilliseconds(Number(text), timeZone);
		const parsed = DateTime.fromISO(text, { zone: timeZone, setZone: true });
		if (parsed.isValid) return parsed.toMillis();
		return finite(Date.parse(text));
	}
	return undefined;
}

function isLuxonLike(value: unknown): value is { toMillis(): number } {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	);
}

function finite(milliseconds: number): number | undefined {
	return Number.isFinite(milliseconds) ? milliseconds : undefined;
}
