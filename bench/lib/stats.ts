/** Order statistics for benchmark samples; an empty sample gives NaN, shown as "n/a". */
export function percentile(values: readonly number[], share: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((left, right) => left - right);
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
	return sorted[index];
}

export const median = (values: readonly number[]): number => percentile(values, 0.5);

/** Runs `measure` `times` times and keeps every result, so a table can show the median and the spread. */
export async function repeat<T>(
	times: number,
	measure: (round: number) => Promise<T>,
): Promise<T[]> {
	const results: T[] = [];
	for (let round = 0; round < times; round++) results.push(await measure(round));
	return results;
}

export function round(value: number, digits = 1): number {
	const scale = 10 ** digits;
	return Math.round(value * scale) / scale;
}
