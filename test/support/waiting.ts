/** Polls `probe` until it answers a value, and returns it; fails naming what it waited for. */
export async function until<T>(
	probe: () => Promise<T | undefined> | T | undefined,
	what: string,
	timeoutMs = 30_000,
	intervalMs = 200,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/** Polls `condition` until it holds. */
export async function waitFor(
	condition: () => Promise<boolean> | boolean,
	timeoutMs = 15_000,
	what = 'condition',
): Promise<void> {
	await until(async () => ((await condition()) ? true : undefined), what, timeoutMs, 50);
}
