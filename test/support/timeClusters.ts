/**
 * `times`, sorted, split wherever two neighbours are more than `gapMs` apart: the token tests count the
 * fetches of one renewal as one cluster of the gateway's fetch times.
 */
export function clusters(times: number[], gapMs: number): number[][] {
	const groups: number[][] = [];
	for (const at of [...times].sort((a, b) => a - b)) {
		const last = groups.at(-1);
		if (last && at - last[last.length - 1] <= gapMs) last.push(at);
		else groups.push([at]);
	}
	return groups;
}
