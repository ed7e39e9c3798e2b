import * as workflow from 'n8n-workflow';

/**
 * Waiting without the timer globals n8n's community rules forbid. n8n 2.x has `sleep(ms, signal)`;
 * n8n 1.x has `sleepWithAbort(ms, signal)` and a `sleep(ms)` that ignores signals.
 */
type AbortableSleep = (ms: number, signal: AbortSignal) => Promise<void>;

const n8nSleepWithAbort = (workflow as unknown as { sleepWithAbort?: AbortableSleep })
	.sleepWithAbort;
const abortableSleep: AbortableSleep =
	n8nSleepWithAbort ?? ((ms, signal) => workflow.sleep(ms, signal));

/** Waits `ms`, or less when `signal` aborts; true when the full time passed. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
	if (signal.aborted) return false;
	try {
		await abortableSleep(Math.max(0, ms), signal);
		return true;
	} catch {
		return false;
	}
}

class TimeoutError extends Error {}

/**
 * `work`, or a TimeoutError after `ms`; the timer ends as soon as either settles, so nothing is left
 * pending. Aborting `signal` ends the wait too (with the signal's reason).
 */
export async function withTimeout<T>(
	work: Promise<T>,
	ms: number,
	what: string,
	signal?: AbortSignal,
): Promise<T> {
	const timer = new AbortController();
	const stop = () => timer.abort();
	signal?.addEventListener('abort', stop, { once: true });
	try {
		return await Promise.race([
			work,
			pause(ms, timer.signal).then((elapsed) => {
				if (elapsed) throw new TimeoutError(`${what}: no answer within ${ms} ms`);
				if (signal?.aborted) throw new TimeoutError(`${what}: stopped`);
				return new Promise<never>(() => undefined);
			}),
		]);
	} finally {
		timer.abort();
		signal?.removeEventListener('abort', stop);
	}
}
