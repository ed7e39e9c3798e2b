import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

/**
 * One node run reads each of its credentials once.
 *
 * n8n reads a credential from its database and decrypts it on every getCredentials call: that was the
 * largest single cost of an action node's call (BENCHMARKS.md, profiles). n8n's own engine for
 * declarative nodes (RoutingNode) reads a node's credential once per run, resolved against the first
 * item, and hands that data to every request of the run; the action nodes do the same.
 *
 * Why a read can never reach another credential, another execution, or outlive its run:
 * - reads are kept per n8n context object, and n8n gives every run of a node in an execution a context
 *   of its own; within it, per credential type and the credential ID the node references;
 * - runWithCredentialsReadOnce forgets them when the run ends, failed or not, so no decrypted data stays
 *   in this module after an execution; the map is weak, so even a run that never ended leaves nothing
 *   reachable once n8n lets its context go;
 * - a read that fails is not kept: a later item reads again, as it would have;
 * - callers get a copy, so nothing one item changes reaches another.
 * Outside a run (a trigger, or a caller that did not start one), every read goes to n8n.
 */

/** What reading a credential needs; n8n's execute and trigger contexts provide it. */
export interface CredentialContext {
	getNode(): INode;
	getCredentials<T extends object = ICredentialDataDecryptedObject>(
		type: string,
		itemIndex?: number,
	): Promise<T>;
}

/** Per credential of the run: the read started last, so a reread that ends late never brings older data. */
type RunReads = Map<string, Promise<ICredentialDataDecryptedObject>>;

const runs = new WeakMap<CredentialContext, RunReads>();

/** n8n resolves a run's credential against its first item, as its declarative nodes do. */
const RUN_ITEM = 0;

export async function runWithCredentialsReadOnce<T>(
	context: CredentialContext,
	run: () => Promise<T>,
): Promise<T> {
	const reads: RunReads = new Map();
	runs.set(context, reads);
	try {
		return await run();
	} finally {
		reads.clear();
		runs.delete(context);
	}
}

function keyOf(context: CredentialContext, type: string): string {
	return JSON.stringify([type, context.getNode().credentials?.[type]?.id ?? null]);
}

function keep(run: RunReads, key: string, read: Promise<ICredentialDataDecryptedObject>) {
	run.set(key, read);
	read.catch(() => {
		if (run.get(key) === read) run.delete(key);
	});
}

/** The credential as this run read it first (or last reread it); read now when the run has not yet. */
export async function readCredentials(
	context: CredentialContext,
	type: string,
	itemIndex?: number,
): Promise<ICredentialDataDecryptedObject> {
	const run = runs.get(context);
	if (!run) return { ...(await context.getCredentials(type, itemIndex)) };
	const key = keyOf(context, type);
	if (!run.has(key)) keep(run, key, context.getCredentials(type, RUN_ITEM));
	return { ...(await run.get(key)!) };
}

/**
 * The credential as n8n holds it now (another execution or process may have written to it), which the
 * rest of the run then uses.
 */
export async function rereadCredentials(
	context: CredentialContext,
	type: string,
	itemIndex?: number,
): Promise<ICredentialDataDecryptedObject> {
	const run = runs.get(context);
	if (!run) return { ...(await context.getCredentials(type, itemIndex)) };
	const read = context.getCredentials(type, RUN_ITEM);
	keep(run, keyOf(context, type), read);
	return { ...(await read) };
}
