/**
 * What globalSetup started, globalTeardown stops, last first. Jest shares globals (not modules)
 * between the two, so the list lives on globalThis.
 */
const REGISTRY = Symbol.for('rtc-paas.e2e.teardown');

function stops(): Array<() => Promise<void>> {
	const holder = globalThis as unknown as Record<symbol, Array<() => Promise<void>>>;
	holder[REGISTRY] ??= [];
	return holder[REGISTRY];
}

export function rememberForTeardown(stop: () => Promise<void>): void {
	stops().push(stop);
}

export async function stopEverything(): Promise<void> {
	const pending = stops();
	while (pending.length > 0) {
		const stop = pending.pop();
		await stop?.().catch((error: unknown) =>
			process.stderr.write(`[e2e] teardown: ${String(error)}\n`),
		);
	}
}
