import { DateTime } from 'luxon';

import { toEpochMilliseconds } from '../../../nodes/shared/dates';

describe('toEpochMilliseconds', () => {
	it("reads a date picker value (no offset) in the workflow's time zone", () => {
		expect(toEpochMilliseconds('2026-01-31T08:00:00', 'Asia/Shanghai')).toBe(
			Date.parse('2026-01-31T00:00:00Z'),
		);
		expect(toEpochMilliseconds('2026-01-31T08:00:00', 'Europe/Berlin')).toBe(
			Date.parse('2026-01-31T07:00:00Z'),
		);
	});

	it('keeps an explicit offset whatever the workflow time zone', () => {
		expect(toEpochMilliseconds('2026-01-31T08:00:00+08:00', 'America/New_York')).toBe(
			Date.parse('2026-01-31T00:00:00Z'),
		);
	});

	it('takes Luxon DateTimes and JS Dates from expressions', () => {
		expect(toEpochMilliseconds(DateTime.fromMillis(1_700_000_000_000), 'UTC')).toBe(
			1_700_000_000_000,
		);
		expect(toEpochMilliseconds(new Date(1_700_000_000_000), 'UTC')).toBe(1_700_000_000_000);
	});

	it('reads epoch numbers as milliseconds, or seconds when too small to be milliseconds', () => {
		expect(toEpochMilliseconds(1_700_000_000_000, 'UTC')).toBe(1_700_000_000_000);
		expect(toEpochMilliseconds(1_700_000_000, 'UTC')).toBe(1_700_000_000_000);
		expect(toEpochMilliseconds('1700000000000', 'UTC')).toBe(1_700_000_000_000);
	});

	it.each([['yesterday'], [''], [{}], [null], [Number.NaN], [new Date('nope')]])(
		'has no instant for %p',
		(value) => {
			expect(toEpochMilliseconds(value, 'UTC')).toBeUndefined();
		},
	);
});
