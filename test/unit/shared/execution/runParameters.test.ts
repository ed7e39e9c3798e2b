import type { IExecuteFunctions, INode, INodeParameters } from 'n8n-workflow';

import { withNodeRun } from '../../../../nodes/shared/execution/nodeRun';
import { readParameter } from '../../../../nodes/shared/execution/runParameters';

/** A context whose parameters resolve per item like n8n's: expressions (a leading `=`) by the item. */
function contextWith(parameters: INodeParameters) {
	const reads: Array<{ name: string; itemIndex: number }> = [];
	const resolve = (value: unknown, itemIndex: number): unknown => {
		if (typeof value === 'string' && value.startsWith('='))
			return `${value.slice(1)} #${itemIndex}`;
		if (typeof value === 'object' && value !== null)
			return Object.fromEntries(
				Object.entries(value).map(([key, inner]) => [key, resolve(inner, itemIndex)]),
			);
		return value;
	};
	const context = {
		reads,
		getNode: () => ({ parameters: structuredClone(parameters) }) as unknown as INode,
		getCredentials: async () => ({}),
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown) {
			reads.push({ name, itemIndex });
			let value: unknown = parameters;
			for (const key of name.split('.')) value = (value as Record<string, unknown>)?.[key];
			if (value === 'fail') throw new Error(`${name} is not valid`);
			if (value === undefined) {
				if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
				return fallback;
			}
			return resolve(value, itemIndex);
		},
	};
	return context as unknown as IExecuteFunctions & { reads: typeof reads };
}

const items = [0, 1, 2, 3];
const readAll = (context: IExecuteFunctions, name: string, fallback?: unknown) =>
	withNodeRun(context, async () =>
		items.map((item) => readParameter(context, name, item, fallback)),
	);

describe('readParameter: parameters without an expression are read once per run', () => {
	it('reads a fixed value once and gives it to every item', async () => {
		const context = contextWith({ appId: 'app-1', options: { msgId: 7 } });
		expect(await readAll(context, 'appId', null)).toEqual(['app-1', 'app-1', 'app-1', 'app-1']);
		expect(await readAll(context, 'options.msgId', null)).toEqual([7, 7, 7, 7]);
		expect(context.reads).toEqual([
			{ name: 'appId', itemIndex: 0 },
			{ name: 'options.msgId', itemIndex: 0 },
		]);
	});

	it('reads an expression for every item, also when it sits deeper in the value', async () => {
		const context = contextWith({ appId: '={{ $json.app }}', options: { msgId: '={{ 1 }}' } });
		expect(await readAll(context, 'appId', null)).toEqual([
			'{{ $json.app }} #0',
			'{{ $json.app }} #1',
			'{{ $json.app }} #2',
			'{{ $json.app }} #3',
		]);
		await readAll(context, 'options', {});
		expect(context.reads).toHaveLength(8);
	});

	it('reads objects per item, so no item shares its copy with another', async () => {
		const context = contextWith({ options: { companyId: 'c' } });
		const [first, second] = (await readAll(context, 'options', {})) as Array<
			Record<string, string>
		>;
		expect(first).toEqual({ companyId: 'c' });
		expect(first).not.toBe(second);
		expect(context.reads).toHaveLength(4);
	});

	it('keeps a read with another fallback apart, and an absent parameter with no fallback still fails each time', async () => {
		const context = contextWith({});
		expect(await readAll(context, 'limit', 50)).toEqual([50, 50, 50, 50]);
		expect(await readAll(context, 'limit', null)).toEqual([null, null, null, null]);
		await withNodeRun(context, async () => {
			expect(() => readParameter(context, 'limit', 0)).toThrow(/Could not get parameter/);
			expect(() => readParameter(context, 'limit', 1)).toThrow(/Could not get parameter/);
		});
	});

	it('does not keep a read that failed: every item reports it', async () => {
		const context = contextWith({ appId: 'fail' });
		await withNodeRun(context, async () => {
			for (const item of items)
				expect(() => readParameter(context, 'appId', item, null)).toThrow('appId is not valid');
		});
		expect(context.reads).toHaveLength(4);
	});

	it('outside a run, and in the next run, reads go to n8n again', async () => {
		const context = contextWith({ appId: 'app-1' });
		await readAll(context, 'appId', null);
		await readAll(context, 'appId', null);
		expect(readParameter(context, 'appId', 5, null)).toBe('app-1');
		expect(context.reads).toEqual([
			{ name: 'appId', itemIndex: 0 },
			{ name: 'appId', itemIndex: 0 },
			{ name: 'appId', itemIndex: 5 },
		]);
	});
});
