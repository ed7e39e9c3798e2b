import { DateTime } from 'luxon';

import {
	toUnixSecondsString,
	toYoumeQueryDate,
	unixSecondsToIso,
} from '../../../../nodes/shared/youme/days';

describe('toYoumeQueryDate (yyyymmdd in UTC+8)', () => {
	it('puts an instant in the UTC+8 day that contains it, across the midnight boundary', () => {
		expect(toYoumeQueryDate('2019-12-09T16:00:00Z', 'UTC')).toBe('20191210');
		expect(toYoumeQueryDate('2019-12-09T15:59:59Z', 'UTC')).toBe('20191209');
		expect(
			toYoumeQueryDate(DateTime.fromISO('2019-12-10T07:30:00', { zone: 'Europe/Berlin' }), 'UTC'),
		).toBe('20191210');
		expect(toYoumeQueryDate(Date.parse('2019-12-10T23:59:59+08:00'), 'UTC')).toBe('20191210');
		expect(toYoumeQueryDate(Date.parse('2019-12-11T00:00:00+08:00'), 'UTC')).toBe('20191211');
	});

	it('takes a calendar date without a zone (the date picker) as the day the user picked, in any workflow zone', () => {
		for (const zone of ['Pacific/Auckland', 'America/Los_Angeles', 'Asia/Shanghai']) {
			expect(toYoumeQueryDate('2019-12-10', zone)).toBe('20191210');
			expect(toYoumeQueryDate('2019-12-10T00:00:00', zone)).toBe('20191210');
		}
		expect(toYoumeQueryDate('20191210', 'UTC')).toBe('20191210');
	});

	it.each(['2019-02-30', '20191301', 'yesterday', '', null])('has no day for %p', (value) => {
		expect(toYoumeQueryDate(value, 'UTC')).toBeUndefined();
	});
});

describe('Unix-second strings', () => {
	it('sends milliseconds as whole seconds and reads them back as ISO dates', () => {
		expect(toUnixSecondsString(1575962150_999)).toBe('1575962150');
		expect(unixSecondsToIso('1575962150')).toBe('2019-12-10T07:15:50.000Z');
		expect(unixSecondsToIso(1575962150)).toBe('2019-12-10T07:15:50.000Z');
		expect(unixSecondsToIso('soon')).toBeUndefined();
	});
});
