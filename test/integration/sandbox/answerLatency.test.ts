import { request } from 'undici';

import { HstPath } from '../../../nodes/shared/hst/api';
import { YoumeCommand } from '../../../nodes/shared/youme/protocol';
import { signedYoumeQuery } from '../../../nodes/shared/youme/signature';
import { HstGatewayEmulator } from '../../../sandbox/hst/gateway';
import { HstGatewayControl } from '../../../sandbox/hst/gatewayControl';
import { AnswerLatency } from '../../../sandbox/http/latency';
import { control } from '../../../sandbox/http/controlClient';
import { YoumeControl } from '../../../sandbox/youme/control';
import { YoumeEmulator } from '../../../sandbox/youme/emulator';
import { SANDBOX_YOUME_APP } from '../../../sandbox/youme/seed';

/**
 * The emulated network distance: a fixed part every answer waits at least, and a jitter drawn per answer.
 * Only lower bounds are asserted on the clock (a timer never fires early); the spread is checked on the
 * drawing itself, which takes the random source as an argument.
 */
let hst: HstGatewayEmulator;
let youme: YoumeEmulator;
let hstControl: HstGatewayControl;
let youmeControl: YoumeControl;

beforeAll(async () => {
	hst = await HstGatewayEmulator.start({ port: 0 });
	youme = await YoumeEmulator.start({ port: 0 });
	hstControl = new HstGatewayControl(hst.url);
	youmeControl = new YoumeControl(youme.url);
});
afterAll(async () => {
	await hst.close();
	await youme.close();
});
beforeEach(async () => {
	await hstControl.reset();
	await youmeControl.reset();
});

async function timed(send: () => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await send();
	return performance.now() - started;
}

const hstCall = async () => {
	const response = await request(hst.url + HstPath.ONLINE_USER_STATE, {
		headers: { authorization: 'no-token' },
	});
	return await response.body.json();
};
const youmeCall = async () => {
	const response = await request(`${youme.url}/v2/video/${YoumeCommand.ROOM_INFO}`, {
		method: 'POST',
		query: signedYoumeQuery(SANDBOX_YOUME_APP),
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ RoomId: 'room-beta' }),
	});
	return await response.body.json();
};

describe('answer latency', () => {
	it.each([
		['HST business gateway', () => hstControl, hstCall],
		['Youme', () => youmeControl, youmeCall],
	] as const)('%s: every answer waits the fixed latency at least', async (_, controlOf, call) => {
		const answer = await controlOf().configure({ latencyMs: 120, latencyJitterMs: 30 });
		expect(answer).toMatchObject({ latencyMs: 120, latencyJitterMs: 30 });
		const times = await Promise.all(Array.from({ length: 5 }, () => timed(call)));
		// 1 ms of slack: timers are scheduled in whole milliseconds.
		for (const time of times) expect(time).toBeGreaterThanOrEqual(119);
	});

	it('answers the control API at once, whatever the latency', async () => {
		await youmeControl.configure({ latencyMs: 5_000 });
		const elapsed = await timed(() => youmeControl.requests());
		expect(elapsed).toBeLessThan(5_000);
	});

	it('reset sets the latency back to none', async () => {
		await hstControl.configure({ latencyMs: 40, latencyJitterMs: 10 });
		await hstControl.reset();
		expect(await hstControl.configure({})).toMatchObject({ latencyMs: 0, latencyJitterMs: 0 });
		await youmeControl.configure({ latencyMs: 40 });
		await youmeControl.reset();
		expect(await youmeControl.configure({})).toMatchObject({ latencyMs: 0, latencyJitterMs: 0 });
	});

	it('refuses a latency that is not a number of milliseconds, and keeps the one it had', async () => {
		await hstControl.configure({ latencyMs: 7 });
		for (const latencyMs of [-1, '20', Number.POSITIVE_INFINITY]) {
			await expect(
				control(hst.url, 'POST', '/config', { latencyMs, latencyJitterMs: 3 }),
			).rejects.toThrow(/400 .*latencyMs must be a number of milliseconds/);
		}
		await expect(control(youme.url, 'POST', '/config', { latencyJitterMs: null })).rejects.toThrow(
			/400 .*latencyJitterMs/,
		);
		expect(await hstControl.configure({})).toMatchObject({ latencyMs: 7, latencyJitterMs: 0 });
	});

	it('draws each delay between the fixed latency and the fixed latency plus the jitter', () => {
		const latency = new AnswerLatency();
		latency.configure({ latencyMs: 18, latencyJitterMs: 4 });
		expect(latency.draw(() => 0)).toBe(18);
		expect(latency.draw(() => 0.5)).toBe(20);
		expect(latency.draw(() => 0.999)).toBeCloseTo(21.996, 6);
		const drawn = Array.from({ length: 1_000 }, () => latency.draw());
		expect(Math.min(...drawn)).toBeGreaterThanOrEqual(18);
		expect(Math.max(...drawn)).toBeLessThan(22);
		// Jittered answers overtake each other: the draws are not all alike.
		expect(new Set(drawn.map((value) => Math.round(value))).size).toBeGreaterThan(2);
	});
});
