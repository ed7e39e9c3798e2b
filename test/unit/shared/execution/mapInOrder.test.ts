import { mapInOrder } from '../../../../nodes/shared/execution/mapInOrder';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('mapInOrder', () => {
	it('returns results in index order whatever order the work finishes in', async () => {
		const results = await mapInOrder(6, 3, async (index) => {
			for (let wait = 0; wait < 6 - index; wait++) await tick();
			return index * 10;
		});
		expect(results).toEqual([0, 10, 20, 30, 40, 50]);
	});

	it('never has more than `concurrency` calls in flight', async () => {
		let inFlight = 0;
		let peak = 0;
		await mapInOrder(20, 4, async () => {
			peak = Math.max(peak, ++inFlight);
			await tick();
			inFlight--;
		});
		expect(peak).toBe(4);
	});

	it('runs one at a time with concurrency 1', async () => {
		const order: string[] = [];
		await mapInOrder(3, 1, async (index) => {
			order.push(`start ${index}`);
			await tick();
			order.push(`end ${index}`);
		});
		expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
	});

	it('throws the failure of the lowest index and starts no new work after a failure', async () => {
		const started: number[] = [];
		const attempt = mapInOrder(10, 2, async (index) => {
			started.push(index);
			await tick();
			if (index === 1 || index === 2) throw new Error(`item ${index}`);
			return index;
		});
		await expect(attempt).rejects.toThrow('item 1');
		expect(Math.max(...started)).toBeLessThan(4);
	});

	it('handles zero items', async () => {
		expect(await mapInOrder(0, 5, async () => 1)).toEqual([]);
	});

	it('reports the lowest failure however many items failed at once (no spread into arguments)', async () => {
		const count = 300_000;
		await expect(
			mapInOrder(count, count, async (index) => {
				throw new Error(`item ${index}`);
			}),
		).rejects.toThrow('item 0');
	});
});
