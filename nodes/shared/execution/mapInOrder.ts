/**
 * Runs `work` for indexes 0..count-1 with at most `concurrency` in flight and returns the results in
 * index order. After a failure no new work starts; once in-flight work settles, the failure of the
 * lowest index is thrown, so what the caller sees does not depend on timing.
 */
export async function mapInOrder<T>(
	count: number,
	concurrency: number,
	work: (index: number) => Promise<T>,
): Promise<T[]> {
	const results = new Array<T>(count);
	const failures = new Map<number, unknown>();
	let next = 0;

	const lane = async () => {
		while (next < count && failures.size === 0) {
			const index = next++;
			try {
				results[index] = await work(index);
			} catch (error) {
				failures.set(index, error);
			}
		}
	};
	const lanes = Math.max(1, Math.min(Math.floor(concurrency) || 1, count));
	await Promise.all(Array.from({ length: lanes }, lane));

	if (failures.size > 0) throw failures.get(lowest(failures.keys()));
	return results;
}

/** A loop, not Math.min(...keys): spreading an unbounded list into arguments overflows the stack. */
function lowest(keys: Iterable<number>): number {
	let found = Number.POSITIVE_INFINITY;
	for (const key of keys) if (key < found) found = key;
	return found;
}
