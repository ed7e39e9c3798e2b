import { nextFilePage } from '../../../../nodes/Hst/actions/recording/getDownloadUrls';
import type { HstAnswer } from '../../../../nodes/shared/hst/api';
import { answerFields, listFromAnswer, numberFromAnswer } from '../../../../nodes/Hst/answer';
import { hstRecordStatusName, toHstTime } from '../../../../nodes/shared/hst/recording';

const answer = (fields: Record<string, unknown>): HstAnswer => ({ code: 0, msg: 'OK', ...fields });

describe('reading recording and live answers, top-level or under result', () => {
	it('merges top-level fields and those under result, without the envelope', () => {
		expect(answerFields(answer({ record_id: 'r1', seq: 's' }))).toEqual({
			record_id: 'r1',
			seq: 's',
		});
		expect(answerFields(answer({ result: { record_id: 'r2' }, id: 8194 }))).toEqual({
			id: 8194,
			record_id: 'r2',
		});
		expect(answerFields(answer({ result: [1, 2] }))).toEqual({});
	});

	it('finds a list by its first known name, at the top, under result, or as result itself', () => {
		expect(listFromAnswer(answer({ record_list: [1] }), ['record_list', 'list'])).toEqual([1]);
		expect(listFromAnswer(answer({ result: { list: [2] } }), ['record_list', 'list'])).toEqual([2]);
		expect(
			listFromAnswer(answer({ result: { live_info_list: [3] } }), ['list', 'live_info_list']),
		).toEqual([3]);
		expect(listFromAnswer(answer({ result: [4] }), ['list'])).toEqual([4]);
		expect(listFromAnswer(answer({ list: 'not a list' }), ['list'])).toEqual([]);
	});

	it('reads numbers sent as numbers or digit strings', () => {
		expect(numberFromAnswer(answer({ total_num: 12 }), 'total_num')).toBe(12);
		expect(numberFromAnswer(answer({ result: { total_num: '7' } }), 'total_num')).toBe(7);
		expect(numberFromAnswer(answer({ total_num: '' }), 'total_num')).toBeUndefined();
		expect(numberFromAnswer(answer({}), 'total_num')).toBeUndefined();
	});
});

describe('download URL pages', () => {
	it('stops when the answer holds every file, as HST documents total_num', () => {
		expect(nextFilePage(answer({ total_num: 2, page: 1 }), 2, 2)).toBeUndefined();
		expect(nextFilePage(answer({ page: 1 }), 2, 2)).toBeUndefined();
		expect(nextFilePage(answer({ total_num: 9 }), 0, 3)).toBeUndefined();
	});

	it('follows the page the server echoes, whether it counts from 0 or from 1', () => {
		expect(nextFilePage(answer({ total_num: 30, page: 0 }), 10, 10)).toBe(1);
		expect(nextFilePage(answer({ total_num: 30, page: 1 }), 10, 10)).toBe(2);
		expect(nextFilePage(answer({ total_num: 30 }), 10, 10)).toBe(2);
	});
});

describe('recording constants', () => {
	it('writes HST time as yyyy-MM-dd HH:mm:ss in UTC+8', () => {
		expect(toHstTime(Date.parse('2026-01-15T01:30:05Z'))).toBe('2026-01-15 09:30:05');
		expect(toHstTime(Date.parse('2026-01-31T20:00:00Z'))).toBe('2026-02-01 04:00:00');
	});

	it('names every status, including paused (7) and failed (-1), and tolerates strings', () => {
		expect([-1, 1, 2, 3, 4, 5, 6, 7].map(hstRecordStatusName)).toEqual([
			'failed',
			'initialized',
			'recording',
			'waitingToEncode',
			'encoding',
			'uploading',
			'done',
			'paused',
		]);
		expect(hstRecordStatusName('6')).toBe('done');
		expect(hstRecordStatusName(0)).toBe('unknown');
	});
});
