import type { IExecuteFunctions } from 'n8n-workflow';

import { nodeRunOf } from './nodeRun';

/**
 * A parameter with no expression in it has the same value for every item of a run, yet n8n resolves it
 * anew on every getNodeParameter call (defaults, types, validation). A run (nodeRun.ts) reads such a
 * parameter once and gives its value to every item. Read per item, as before: a parameter with an
 * expression anywhere in it, a read that fails, and values that are objects or arrays (n8n gives each
 * item a copy of its own, which the item may change).
 */
export function readParameter(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback?: unknown,
): unknown {
	const run = nodeRunOf(context);
	if (!run || holdsExpression(valueAt(run.node.parameters, name)))
		return context.getNodeParameter(name, itemIndex, fallback);
	const key = `${name}\u0000${fallback === undefined ? 'no fallback' : JSON.stringify(fallback)}`;
	if (run.parameters.has(key)) return run.parameters.get(key);
	const value = context.getNodeParameter(name, itemIndex, fallback);
	if (value === null || value === undefined || typeof value !== 'object')
		run.parameters.set(key, value);
	return value;
}

function valueAt(parameters: unknown, name: string): unknown {
	let value = parameters;
	for (const key of name.split('.')) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/** n8n marks an expression by a leading `=`; one anywhere inside makes the whole value item-dependent. */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (typeof value !== 'object' || value === null) return false;
	return Object.values(value).some(holdsExpression);
}
