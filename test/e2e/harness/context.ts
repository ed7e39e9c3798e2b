import { readFileSync } from 'node:fs';
import { request } from 'undici';

import type { SandboxUrls } from '../../../sandbox';
import { N8nApi, type Workflow, type WorkflowNode } from './n8nApi';

/** What globalSetup started, as test files (in jest workers) see it. */
export interface E2eContext {
	n8nUrl: string;
	apiKey: string;
	cookie: string;
	n8nVersion: string;
	logFile: string;
	sandbox: SandboxUrls;
	credentials: Record<string, { id: string; name: string }>;
	/** The packed package the run installed, for tests that start an n8n of their own. */
	packageTarball: string;
	/** Which n8n the run uses (RTC_PAAS_N8N). */
	line: 'primary' | 'lts';
}

export const E2E_CONTEXT_ENV = 'RTC_PAAS_E2E_CONTEXT';

export function e2eContext(): E2eContext {
	const file = process.env[E2E_CONTEXT_ENV];
	if (!file)
		throw new Error('e2e context missing: run through jest (the e2e project has a globalSetup)');
	return JSON.parse(readFileSync(file, 'utf8')) as E2eContext;
}

export function n8nApi(context = e2eContext()): N8nApi {
	return new N8nApi(context.n8nUrl, context.apiKey, context.cookie);
}

let counter = 0;
/** A path no other workflow of this run uses. */
export function uniquePath(prefix: string): string {
	counter += 1;
	return `${prefix}-${process.pid}-${counter}-${Date.now().toString(36)}`;
}

/**
 * Webhook → the node under test: calling the webhook runs the node in n8n for real and answers with
 * every item the node output (responseMode lastNode, allEntries).
 */
export function webhookWorkflow(
	name: string,
	path: string,
	node: Omit<WorkflowNode, 'position' | 'name'> & { name?: string },
): Workflow {
	const nodeName = node.name ?? 'Node Under Test';
	return {
		name,
		nodes: [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: path,
				parameters: {
					httpMethod: 'POST',
					path,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{ ...node, name: nodeName, position: [240, 0] },
		],
		connections: { Webhook: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
	};
}

/** Calls a production webhook; right after activation n8n may answer 404 for a moment, so that is retried briefly. */
export async function callWebhook(
	path: string,
	body: unknown = {},
	context: Pick<E2eContext, 'n8nUrl'> = e2eContext(),
) {
	for (let attempt = 0; ; attempt++) {
		const response = await request(`${context.n8nUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await response.body.text();
		if (response.statusCode === 404 && attempt < 50) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			continue;
		}
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.statusCode, text, json };
	}
}

export async function deployWorkflow(workflow: Workflow, context = e2eContext()): Promise<string> {
	const api = n8nApi(context);
	const id = await api.createWorkflow(workflow);
	await api.activate(id);
	return id;
}

/** The error of a workflow's most recent failed execution, to make a failing e2e test say why. */
export async function lastFailure(workflowId: string, context = e2eContext()): Promise<string> {
	const [execution] = await n8nApi(context).executions(workflowId, { includeData: true, limit: 1 });
	const error = execution?.data?.resultData.error;
	return error
		? `${error.message}${error.description ? ` (${error.description})` : ''}`
		: 'no error recorded';
}

/**
 * Deploys Webhook → one node of this package and returns a function that runs it once and answers
 * the node's output items; a failed run throws with n8n's own error message.
 */
export async function deployNodeWorkflow(
	node: {
		type: string;
		parameters: Record<string, unknown>;
		credentialType: string;
		onError?: WorkflowNode['onError'];
	},
	context = e2eContext(),
): Promise<() => Promise<Array<Record<string, unknown>>>> {
	const label = `${node.type.split('.').pop()}-${node.parameters.resource}-${node.parameters.operation}`;
	const path = uniquePath(label);
	const workflowId = await deployWorkflow(
		webhookWorkflow(`e2e ${label}`, path, {
			type: node.type,
			typeVersion: 1,
			parameters: node.parameters,
			credentials: { [node.credentialType]: context.credentials[node.credentialType] },
			...(node.onError ? { onError: node.onError } : {}),
		}),
		context,
	);
	return async () => {
		const response = await callWebhook(path, {}, context);
		if (response.status !== 200) {
			throw new Error(
				`workflow answered ${response.status}: ${response.text}; n8n says: ${await lastFailure(workflowId, context)}`,
			);
		}
		return response.json as Array<Record<string, unknown>>;
	};
}
