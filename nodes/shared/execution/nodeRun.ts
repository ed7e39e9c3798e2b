import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

/**
 * What one run of an action node reads from n8n once instead of per item or per call: its node
 * (n8n deep-copies it on every getNode), its credentials (runCredentials.ts) and the parameters that
 * hold no expression (runParameters.ts).
 *
 * Why nothing kept here can reach another execution, another node or outlive its run:
 * - it is kept per n8n context object, and n8n gives every run of a node in an execution a context of
 *   its own (a loop that runs the node again gets a new one);
 * - withNodeRun forgets it when the run ends, failed or not, so no decrypted credential stays in this
 *   module after an execution; the map is weak, so even a run that never ended leaves nothing
 *   reachable once n8n lets its context go.
 * Outside a run (a trigger, or code that did not start one) every read goes to n8n.
 */

/** What a run needs from an n8n context; n8n's execute and trigger contexts provide it. */
export interface RunContext {
	getNode(): INode;
	getCredentials<T extends object = ICredentialDataDecryptedObject>(
		type: string,
		itemIndex?: number,
	): Promise<T>;
}

export interface NodeRun {
	/** The node as n8n handed it to this run. */
	readonly node: INode;
	/** Per credential, the read started last (runCredentials.ts). */
	readonly credentials: Map<string, Promise<ICredentialDataDecryptedObject>>;
	/** Per parameter name and fallback, the value every item gets (runParameters.ts). */
	readonly parameters: Map<string, unknown>;
}

const runs = new WeakMap<RunContext, NodeRun>();

export async function withNodeRun<T>(context: RunContext, run: () => Promise<T>): Promise<T> {
	const state: NodeRun = { node: context.getNode(), credentials: new Map(), parameters: new Map() };
	runs.set(context, state);
	try {
		return await run();
	} finally {
		state.credentials.clear();
		state.parameters.clear();
		runs.delete(context);
	}
}

/** The run `context` belongs to, if one was started. */
export function nodeRunOf(context: RunContext): NodeRun | undefined {
	return runs.get(context);
}

/** The node, without n8n's copy when a run has it already. */
export function nodeOf(context: RunContext): INode {
	return runs.get(context)?.node ?? context.getNode();
}
