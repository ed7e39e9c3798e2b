import type { BillingRecord } from '../../nodes/shared/hst/api';
import {
	HST_CHARGE_TERM_NAMES,
	HstChargeTerm,
	type HstChargeTermId,
} from '../../nodes/shared/hst/services';
import { between, pick, seedOf, seededRandom } from '../random';

/**
 * Billing records are a pure function of (app, day): any period has data, the same on every run,
 * without storing anything. Days are counted in UTC+8, HST's time zone.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const UTC8_OFFSET_MS = 8 * 60 * 60 * 1000;

const PRICED_TERMS: Array<{ term: HstChargeTermId; productId: number; price: number }> = [
	{ term: HstChargeTerm.AUDIO, productId: 101, price: 0.007 },
	{ term: HstChargeTerm.VIDEO, productId: 102, price: 0.028 },
	{ term: HstChargeTerm.SCREEN_SHARE, productId: 104, price: 0.014 },
	{ term: HstChargeTerm.SIGNALLING_COUNT, productId: 106, price: 0.0001 },
	{ term: HstChargeTerm.RECORDING_RESOLUTION_DURATION, productId: 108, price: 0.05 },
	{ term: HstChargeTerm.MINI_PROGRAM_VIDEO, productId: 112, price: 0.03 },
];

/** `yyyy-MM-dd HH:mm:ss` in UTC+8, the way HST writes times in records. */
export function formatUtc8(milliseconds: number): string {
	return new Date(milliseconds + UTC8_OFFSET_MS).toISOString().replace('T', ' ').slice(0, 19);
}

function recordsOfDay(app: { appId: string; appName: string }, dayIndex: number): BillingRecord[] {
	const random = seededRandom(seedOf(`${app.appId}:${dayIndex}`));
	const dayStart = dayIndex * DAY_MS - UTC8_OFFSET_MS;
	const count = between(random, 3, 8);
	const records: BillingRecord[] = [];
	for (let index = 0; index < count; index++) {
		const priced = pick(random, PRICED_TERMS);
		const start = dayStart + between(random, 0, DAY_MS / 1000 - 7200) * 1000;
		const totalTime = between(random, 60, 7200);
		const minutes = Math.ceil(totalTime / 60);
		records.push({
			app_id: app.appId,
			app_name: app.appName,
			product_id: priced.productId,
			product_name: HST_CHARGE_TERM_NAMES[priced.term],
			amount: Math.round(priced.price * minutes * 100) / 100,
			price: priced.price,
			charge_term: priced.term,
			start_time: formatUtc8(start),
			end_time: formatUtc8(start + totalTime * 1000),
			total_time: totalTime,
			group_id: `room-${between(random, 100, 120)}`,
			resolution: pick(random, ['640x480', '1280x720', '1920x1080']),
			total_sig_num:
				priced.term === HstChargeTerm.SIGNALLING_COUNT ? between(random, 100, 50000) : 0,
			stream_id: `stream-${dayIndex}-${index}`,
			client_id: `client-${between(random, 1000, 9999)}`,
			transfer_type: pick(random, [1, 2] as const),
		});
	}
	return records;
}

/** Every record of the apps that starts within [start, end], oldest first. */
export function billingRecords(
	apps: Array<{ appId: string; appName: string }>,
	start: number,
	end: number,
): BillingRecord[] {
	const firstDay = Math.floor((start + UTC8_OFFSET_MS) / DAY_MS);
	const lastDay = Math.floor((end + UTC8_OFFSET_MS) / DAY_MS);
	const records: Array<{ at: number; record: BillingRecord }> = [];
	for (let day = firstDay; day <= lastDay; day++) {
		for (const app of apps) {
			for (const record of recordsOfDay(app, day)) {
				const at = Date.parse(`${record.start_time.replace(' ', 'T')}+08:00`);
				if (at >= start && at <= end) records.push({ at, record });
			}
		}
	}
	records.sort(
		(left, right) =>
			left.at - right.at || left.record.stream_id.localeCompare(right.record.stream_id),
	);
	return records.map(({ record }) => record);
}
