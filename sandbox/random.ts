/** mulberry32: a tiny seeded generator, so seeded sandbox data is the same on every run. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A stable 32-bit seed for a string (FNV-1a). */
export function seedOf(text: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

export function pick<T>(random: () => number, choices: readonly T[]): T {
	return choices[Math.floor(random() * choices.length)];
}

export function between(random: () => number, low: number, high: number): number {
	return low + Math.floor(random() * (high - low + 1));
}

/** Fisher–Yates, driven by the seeded generator. */
export function shuffle<T>(random: () => number, items: readonly T[]): T[] {
	const copy = [...items];
	for (let index = copy.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[copy[index], copy[other]] = [copy[other], copy[index]];
	}
	return copy;
}
