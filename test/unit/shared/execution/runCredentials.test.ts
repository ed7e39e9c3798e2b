import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

import { withNodeRun, type RunContext } from '../../../../nodes/shared/execution/nodeRun';
import {
	credentialReference,
	readCredentials,
	rereadCredentials,
} from '../../../../nodes/shared/execution/runCredentials';

/** A context whose "database" can change between reads, counting the reads n8n would do. */
function contextWith(
	stored: Record<string, ICredentialDataDecryptedObject>,
	credentialIds: Record<string, string> = { exampleApi: 'credential-1' },
) {
	const reads: Array<{ type: string; itemIndex?: number }> = [];
	let failNext = false;
	let nodeCopies = 0;
	const context: RunContext & {
		reads: typeof reads;
		failNextRead(): void;
		nodeCopies(): number;
	} = {
		reads,
		nodeCopies: () => nodeCopies,
		failNextRead: () => {
			failNext = true;
		},
		getNode: () => {
			nodeCopies++;
			return {
				credentials: Object.fromEntries(
					Object.entries(credentialIds).map(([type, id]) => [type, { id, name: id }]),
				),
			} as unknown as INode;
		},
		async getCredentials<T extends object>(type: string, itemIndex?: number): Promise<T> {
			reads.push({ type, itemIndex });
			await new Promise((resolve) => setImmediate(resolve));
			if (failNext) {
				failNext = false;
				throw new Error('database unavailable');
			}
			return { ...stored[type] } as T;
		},
	};
	return context;
}

describe('runCredentials: one read per credential and node run', () => {
	it('reads once for all items of a run, concurrent ones included, resolved against the first item', async () => {
		const context = contextWith({ exampleApi: { key: 'k1' } });
		const seen = await withNodeRun(context, async () =>
			Promise.all([3, 1, 2, 0].map((item) => readCredentials(context, 'exampleApi', item))),
		);
		expect(seen).toEqual([{ key: 'k1' }, { key: 'k1' }, { key: 'k1' }, { key: 'k1' }]);
		expect(context.reads).toEqual([{ type: 'exampleApi', itemIndex: 0 }]);
	});

	it('hands out copies: what one item changes never reaches another', async () => {
		const context = contextWith({ exampleApi: { key: 'k1' } });
		await withNodeRun(context, async () => {
			const first = await readCredentials(context, 'exampleApi', 0);
			first.key = 'changed by item 0';
			expect(await readCredentials(context, 'exampleApi', 1)).toEqual({ key: 'k1' });
		});
	});

	it('keeps each credential type apart', async () => {
		const context = contextWith(
			{ exampleApi: { key: 'k1' }, otherApi: { key: 'other' } },
			{ exampleApi: 'credential-1', otherApi: 'credential-2' },
		);
		await withNodeRun(context, async () => {
			expect(await readCredentials(context, 'exampleApi')).toEqual({ key: 'k1' });
			expect(await readCredentials(context, 'otherApi')).toEqual({ key: 'other' });
		});
		expect(context.reads.map((read) => read.type)).toEqual(['exampleApi', 'otherApi']);
	});

	it('copies the node from n8n once per run to name the credential it references', async () => {
		const context = contextWith({ exampleApi: { key: 'k1' } });
		await withNodeRun(context, async () => {
			for (let item = 0; item < 5; item++) {
				await readCredentials(context, 'exampleApi', item);
				expect(credentialReference(context, 'exampleApi')).toEqual({
					id: 'credential-1',
					name: 'credential-1',
				});
			}
		});
		expect(context.nodeCopies()).toBe(1);
	});

	it('never serves one run what another run read, even at the same time', async () => {
		const stored = { exampleApi: { key: 'first execution' } };
		const first = contextWith(stored);
		const second = contextWith({ exampleApi: { key: 'second execution' } });
		const [fromFirst, fromSecond] = await Promise.all([
			withNodeRun(first, async () => await readCredentials(first, 'exampleApi')),
			withNodeRun(second, async () => await readCredentials(second, 'exampleApi')),
		]);
		expect(fromFirst).toEqual({ key: 'first execution' });
		expect(fromSecond).toEqual({ key: 'second execution' });
	});

	it('forgets everything when the run ends, failed or not: a later run reads again', async () => {
		const stored = { exampleApi: { key: 'k1' } };
		const context = contextWith(stored);
		await withNodeRun(context, async () => await readCredentials(context, 'exampleApi'));
		stored.exampleApi = { key: 'edited' };
		await expect(
			withNodeRun(context, async () => {
				expect(await readCredentials(context, 'exampleApi')).toEqual({ key: 'edited' });
				throw new Error('an item failed');
			}),
		).rejects.toThrow('an item failed');
		// Outside a run, every read goes to n8n with the caller's item.
		expect(await readCredentials(context, 'exampleApi', 7)).toEqual({ key: 'edited' });
		expect(context.reads).toEqual([
			{ type: 'exampleApi', itemIndex: 0 },
			{ type: 'exampleApi', itemIndex: 0 },
			{ type: 'exampleApi', itemIndex: 7 },
		]);
	});

	it('does not keep a failed read: the next item reads again', async () => {
		const context = contextWith({ exampleApi: { key: 'k1' } });
		await withNodeRun(context, async () => {
			context.failNextRead();
			await expect(readCredentials(context, 'exampleApi', 0)).rejects.toThrow(
				'database unavailable',
			);
			expect(await readCredentials(context, 'exampleApi', 1)).toEqual({ key: 'k1' });
		});
		expect(context.reads).toHaveLength(2);
	});

	it('a reread brings what n8n holds now, for the rest of the run', async () => {
		const stored = { exampleApi: { token: 'old' } as ICredentialDataDecryptedObject };
		const context = contextWith(stored);
		await withNodeRun(context, async () => {
			expect(await readCredentials(context, 'exampleApi')).toEqual({ token: 'old' });
			stored.exampleApi = { token: 'stored by another execution' };
			expect(await readCredentials(context, 'exampleApi')).toEqual({ token: 'old' });
			expect(await rereadCredentials(context, 'exampleApi')).toEqual({
				token: 'stored by another execution',
			});
			expect(await readCredentials(context, 'exampleApi')).toEqual({
				token: 'stored by another execution',
			});
		});
	});
});
