import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { N8nApi, Workflow, WorkflowNode } from '../../test/e2e/harness/n8nApi';
import { projectRoot } from '../projectRoot';
import type { CredentialRefs } from './credentials';

export const examplesDir = () => path.join(projectRoot(), 'examples');

/** What the examples' placeholder Slack URL is replaced with. */
export const SLACK_PLACEHOLDER = 'https://hooks.slack.com/services/REPLACE/WITH/YOUR-WEBHOOK';

export interface Example {
	file: string;
	workflow: Workflow;
}

export function loadExamples(): Example[] {
	return readdirSync(examplesDir())
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(readFileSync(path.join(examplesDir(), file), 'utf8')) as Workflow,
		}));
}

/** Nodes whose credentials have no counterpart here: the example cannot run. */
export function unboundCredentials(workflow: Workflow, credentials: CredentialRefs): string[] {
	return workflow.nodes.flatMap((node) =>
		Object.keys(node.credentials ?? {}).filter((type) => !(type in credentials)),
	);
}

/**
 * An example as it would be imported by hand, with this n8n's credentials selected and the Slack webhook
 * URL filled in. Only what n8n's public API accepts is kept.
 */
export function bindExample(
	workflow: Workflow,
	credentials: CredentialRefs,
	slackWebhookUrl?: string,
): Workflow {
	const nodes = workflow.nodes.map((node): WorkflowNode => {
		const bound: WorkflowNode = { ...node };
		if (node.credentials) {
			bound.credentials = Object.fromEntries(
				Object.keys(node.credentials).map((type) => [
					type,
					credentials[type as keyof CredentialRefs] ?? node.credentials![type],
				]),
			);
		}
		if (slackWebhookUrl && node.parameters.url === SLACK_PLACEHOLDER) {
			bound.parameters = { ...node.parameters, url: slackWebhookUrl };
		}
		return bound;
	});
	return {
		name: workflow.name,
		nodes,
		connections: workflow.connections,
		settings: workflow.settings,
	};
}

export interface DeployedExample {
	file: string;
	name: string;
	id: string;
	active: boolean;
	skipped?: string;
}

/** Imports every example; publishes the ones whose credentials exist. */
export async function deployExamples(
	api: N8nApi,
	credentials: CredentialRefs,
	slackWebhookUrl?: string,
): Promise<DeployedExample[]> {
	const deployed: DeployedExample[] = [];
	for (const example of loadExamples()) {
		const id = await api.createWorkflow(
			bindExample(example.workflow, credentials, slackWebhookUrl),
		);
		const missing = unboundCredentials(example.workflow, credentials);
		if (missing.length > 0) {
			deployed.push({
				file: example.file,
				name: example.workflow.name,
				id,
				active: false,
				skipped: `no ${[...new Set(missing)].join(', ')} credential`,
			});
			continue;
		}
		await api.activate(id);
		deployed.push({ file: example.file, name: example.workflow.name, id, active: true });
	}
	return deployed;
}
