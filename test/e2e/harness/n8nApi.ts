import { request } from 'undici';

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	alwaysOutputData?: boolean;
}

export interface Workflow {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export interface Execution {
	id: string;
	status: string;
	finished: boolean;
	mode: string;
	workflowId: string;
	startedAt?: string;
	stoppedAt?: string;
	data?: {
		resultData: {
			error?: { message: string; description?: string };
			runData: Record<
				string,
				Array<{
					data?: { main: Array<Array<{ json: Record<string, unknown> }>> };
					error?: { message: string };
				}>
			>;
		};
	};
}

/** n8n's public REST API (`/api/v1`), what tests and `npm start` use to set n8n up. */
export class N8nApi {
	constructor(
		readonly baseUrl: string,
		readonly apiKey: string,
		/** The owner's session, for the editor's own REST endpoints (manual runs). */
		readonly cookie?: string,
	) {}

	private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await request(`${this.baseUrl}/api/v1${path}`, {
			method: method as 'GET',
			// A connection of its own: one n8n closed while this process was busy would be reused and reset.
			reset: true,
			headers: {
				'x-n8n-api-key': this.apiKey,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.body.text();
		if (response.statusCode >= 400)
			throw new Error(`n8n API ${method} ${path}: ${response.statusCode} ${text.slice(0, 500)}`);
		return (text ? JSON.parse(text) : undefined) as T;
	}

	/**
	 * `allowedHttpRequestDomains` is sent because n8n 1.x's API schema otherwise demands `allowedDomains`;
	 * "all" is n8n's default, so nothing changes for the credential. A credential that signs no HTTP
	 * requests (HST App, the Media Gateway Trigger's) has no such field in n8n's schema, which then refuses
	 * it: it is sent without.
	 *
	 * n8n 1.x derives that schema wrongly for fields shown for different values of one option (it requires
	 * or forbids all of them together): the Media Gateway Client Token credential with RS256 or ES256 is
	 * refused there. The editor saves it without that schema, so the credential is made as a user would.
	 */
	async createCredential(credential: {
		name: string;
		type: string;
		data: Record<string, unknown>;
	}): Promise<string> {
		const create = async (data: Record<string, unknown>) =>
			await this.call<{ id: string }>('POST', '/credentials', { ...credential, data }).then(
				({ id }) => ({ id }),
				(error: unknown) => ({ error: error as Error }),
			);
		let data: Record<string, unknown> = { allowedHttpRequestDomains: 'all', ...credential.data };
		let created = await create(data);
		if (
			'error' in created &&
			/additional property \\?"allowedHttpRequestDomains/.test(created.error.message)
		) {
			data = credential.data;
			created = await create(data);
		}
		if ('id' in created) return created.id;
		if (!/: 400 .*does not match allOf schema/.test(created.error.message) || !this.cookie)
			throw created.error;
		const response = await request(`${this.baseUrl}/rest/credentials`, {
			method: 'POST',
			headers: { cookie: this.cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ ...credential, data }),
		});
		const text = await response.body.text();
		if (response.statusCode >= 400)
			throw new Error(`n8n editor POST /credentials: ${response.statusCode} ${text.slice(0, 500)}`);
		return (JSON.parse(text) as { data: { id: string } }).data.id;
	}

	/** The public API's credential test (2.x); 1.x only has the editor's own endpoint, which the modal uses. */
	async testCredential(id: string): Promise<{ status: string; message: string }> {
		try {
			return await this.call('POST', `/credentials/${id}/test`);
		} catch (error) {
			if (!/: 404 /.test((error as Error).message) || !this.cookie) throw error;
		}
		const rest = async (method: string, path: string, body?: unknown) => {
			const response = await request(`${this.baseUrl}/rest${path}`, {
				method: method as 'GET',
				headers: { cookie: this.cookie!, 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.body.text();
			const answer = JSON.parse(text) as { data?: unknown };
			if (response.statusCode >= 400 || answer.data === undefined)
				throw new Error(`n8n REST ${method} ${path}: ${response.statusCode} ${text.slice(0, 300)}`);
			return answer.data;
		};
		const stored = (await rest('GET', `/credentials/${id}?includeData=true`)) as Record<
			string,
			unknown
		>;
		return (await rest('POST', '/credentials/test', {
			credentials: { id, name: stored.name, type: stored.type, data: stored.data },
		})) as { status: string; message: string };
	}

	async createWorkflow(workflow: Workflow): Promise<string> {
		const { id: _ignored, ...body } = workflow;
		return (
			await this.call<{ id: string }>('POST', '/workflows', {
				settings: { executionOrder: 'v1' },
				...body,
			})
		).id;
	}

	/** `activate` exists in 1.x and 2.x (2.x also calls it publish). */
	async activate(id: string): Promise<void> {
		await this.call('POST', `/workflows/${id}/activate`);
	}

	/**
	 * Why activating a workflow failed, or undefined when it is active. 1.x refuses the API call; 2.x accepts
	 * it and activates in the background, retrying a failing trigger with backoff (about 15 s), then shows
	 * the error in the editor (`/rest/workflows/:id/publication-status`).
	 */
	async activationFailure(id: string, waitMs = 60_000): Promise<string | undefined> {
		try {
			await this.activate(id);
		} catch (error) {
			return (error as Error).message;
		}
		if (!this.cookie) throw new Error('reading the publication status needs the owner session');
		const deadline = Date.now() + waitMs;
		for (;;) {
			const response = await request(`${this.baseUrl}/rest/workflows/${id}/publication-status`, {
				headers: { cookie: this.cookie },
			});
			const text = await response.body.text();
			if (response.statusCode === 404) return undefined; // 1.x: the activation call said it all
			const { data } = JSON.parse(text) as {
				data: { status: string; triggers: Array<{ errorMessage: string | null }> };
			};
			if (data.status === 'published') return undefined;
			if (data.status === 'failed' || data.status === 'partial')
				return data.triggers.map((trigger) => trigger.errorMessage ?? '').join('; ');
			if (Date.now() > deadline) throw new Error(`workflow ${id} still ${data.status}`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	async deactivate(id: string): Promise<void> {
		await this.call('POST', `/workflows/${id}/deactivate`);
	}

	async deleteWorkflow(id: string): Promise<void> {
		await this.call('DELETE', `/workflows/${id}`);
	}

	async workflow(id: string): Promise<Workflow> {
		return await this.call('GET', `/workflows/${id}`);
	}

	async execution(id: string, includeData = true): Promise<Execution> {
		return await this.call('GET', `/executions/${id}?includeData=${includeData}`);
	}

	/**
	 * Runs a workflow from one of its triggers as the editor's "Execute workflow" does (any trigger,
	 * schedules included). 2.x reads the stored workflow; 1.x wants it in the body.
	 */
	async runManually(workflowId: string, triggerName: string): Promise<string> {
		if (!this.cookie) throw new Error('manual runs need the owner session');
		const workflowData = await this.workflow(workflowId);
		const response = await request(`${this.baseUrl}/rest/workflows/${workflowId}/run`, {
			method: 'POST',
			headers: { cookie: this.cookie, 'content-type': 'application/json' },
			body: JSON.stringify({
				triggerToStartFrom: { name: triggerName },
				workflowData,
				startNodes: [],
			}),
		});
		const text = await response.body.text();
		if (response.statusCode >= 400)
			throw new Error(`manual run of ${workflowId}: ${response.statusCode} ${text.slice(0, 300)}`);
		return String((JSON.parse(text) as { data: { executionId: string } }).data.executionId);
	}

	/** Waits until an execution has finished, and returns it with its data. */
	async finishedExecution(id: string, timeoutMs = 60_000): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.execution(id).catch(() => undefined);
			if (
				execution?.finished ||
				(execution && !['running', 'new', 'waiting'].includes(execution.status))
			)
				return execution;
			if (Date.now() > deadline)
				throw new Error(`execution ${id} did not finish in ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}

	async executions(
		workflowId: string,
		options: { includeData?: boolean; limit?: number } = {},
	): Promise<Execution[]> {
		const query = new URLSearchParams({
			workflowId,
			includeData: String(options.includeData ?? false),
			limit: String(options.limit ?? 250),
		});
		const all: Execution[] = [];
		let cursor: string | undefined;
		do {
			if (cursor) query.set('cursor', cursor);
			const page = await this.call<{ data: Execution[]; nextCursor?: string | null }>(
				'GET',
				`/executions?${query}`,
			);
			all.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor && all.length < (options.limit ?? Infinity));
		return all;
	}
}
