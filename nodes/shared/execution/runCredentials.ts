import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { nodeOf, nodeRunOf, type NodeRun, type RunContext } from './nodeRun';

/**
 * One node run reads each of its credentials once.
 *
 * n8n reads a credential from its database and decrypts it on every getCredentials call: that was the
 * largest single cost of an action node's call (BENCHMARKS.md, profiles). n8n's own engine for
 * declarative nodes (RoutingNode) reads a node's credential once per run, resolved against the first
 * item, and hands that data to every request of the run; the action nodes do the same.
 *
 * Safe because (see also nodeRun.ts, which forgets everything when the run ends):
 * - within a run, reads are kept per credential type and the credential ID the node references;
 * - a read that fails is not kept: a later item reads again, as it would have;
 * - callers get a copy, so nothing one item changes reaches another.
 * Outside a run every read goes to n8n, for the caller's item.
 */

/** n8n resolves a run's credential against its first item, as its declarative nodes do. */
const RUN_ITEM = 0;

/** The credential the node references for `type` (ID and name), as n8n's request helpers want it. */
export function credentialReference(
	context: RunContext,
	type: string,
): { id: string; name: string } {
	const reference = nodeOf(context).credentials?.[type];
	return { id: reference?.id ?? '', name: reference?.name ?? '' };
}

function keep(run: NodeRun, key: string, read: Promise<ICredentialDataDecryptedObject>) {
	run.credentials.set(key, read);
	read.catch(() => {
		if (run.credentials.get(key) === read) run.credentials.delete(key);
	});
}

const keyOf = (context: RunContext, type: string) =>
	JSON.stringify([type, credentialReference(context, type).id]);

/** The credential as this run read it first (or last reread it); read now when the run has not yet. */
export async function readCredentials(
	context: RunContext,
	type: string,
	itemIndex?: number,
): Promise<ICredentialDataDecryptedObject> {
	const run = nodeRunOf(context);
	if (!run) return { ...(await context.getCredentials(type, itemIndex)) };
	const key = keyOf(context, type);
	if (!run.credentials.has(key)) keep(run, key, context.getCredentials(type, RUN_ITEM));
	return { ...(await run.credentials.get(key)!) };
}

/**
 * The credential as n8n holds it now (another execution or process may have written to it), which the
 * rest of the run then uses: a read started later replaces one started earlier, whichever ends first.
 */
export async function rereadCredentials(
	context: RunContext,
	type: string,
	itemIndex?: number,
): Promise<ICredentialDataDecryptedObject> {
	const run = nodeRunOf(context);
	if (!run) return { ...(await context.getCredentials(type, itemIndex)) };
	const read = context.getCredentials(type, RUN_ITEM);
	keep(run, keyOf(context, type), read);
	return { ...(await read) };
}
