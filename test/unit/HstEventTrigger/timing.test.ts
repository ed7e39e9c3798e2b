import { ReconnectBackoff } from '../../../nodes/HstEventTrigger/backoff';
import { liveness } from '../../../nodes/HstEventTrigger/liveness';

describe('ReconnectBackoff', () => {
	const settings = { initialDelayMs: 1000, maxDelayMs: 60_000, healthyAfterMs: 60_000 };

	it('doubles per failure up to the maximum, each delay in the upper half of its ceiling', () => {
		const lowest = new ReconnectBackoff(settings, () => 0);
		const highest = new ReconnectBackoff(settings, () => 0.999999);
		const ceilings: number[] = [];
		for (let failure = 0; failure < 9; failure++) {
			expect(lowest.nextDelayMs()).toBe(Math.round(Math.min(60_000, 1000 * 2 ** failure) * 0.5));
			ceilings.push(highest.nextDelayMs());
			lowest.failed();
			highest.failed();
		}
		expect(ceilings).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
	});

	it('starts over after a connection that stayed healthy, and not after a short one', () => {
		const backoff = new ReconnectBackoff(settings, () => 0.999999);
		for (let failure = 0; failure < 5; failure++) backoff.failed();
		backoff.connected(0);
		backoff.dropped(10_000);
		expect(backoff.nextDelayMs()).toBe(32_000);
		backoff.connected(100_000);
		backoff.dropped(160_000);
		expect(backoff.failures).toBe(0);
		expect(backoff.nextDelayMs()).toBe(1000);
	});
});

describe('liveness', () => {
	it('declares a silent connection dead within two heartbeat intervals of its last frame, checked every half interval', () => {
		const interval = 20_000;
		for (const lastFrameOffset of [0, 1, 3_333, 9_999, 10_000, 19_999]) {
			let detectedAt: number | undefined;
			let lastHeartbeat = 0;
			for (let now = interval / 2; detectedAt === undefined; now += interval / 2) {
				const verdict = liveness(now, lastFrameOffset, lastHeartbeat, interval);
				if (verdict === 'dead') detectedAt = now;
				if (verdict === 'heartbeat') lastHeartbeat = now;
			}
			expect(detectedAt - lastFrameOffset).toBeGreaterThan(1.5 * interval);
			expect(detectedAt - lastFrameOffset).toBeLessThanOrEqual(2 * interval);
		}
	});

	it('sends one heartbeat per interval and keeps a talking connection alive', () => {
		expect(liveness(10_000, 9_000, 0, 20_000)).toBe('alive');
		expect(liveness(20_000, 19_000, 0, 20_000)).toBe('heartbeat');
		expect(liveness(30_000, 29_000, 20_000, 20_000)).toBe('alive');
	});
});
