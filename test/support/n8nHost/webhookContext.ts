import {
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INodeParameters,
	type INodeType,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { capturingLogger, valueAt, type LogLine } from './executeContext';

/** What n8n's Express hands a webhook node: lower-case headers, a parsed body, the caller's address. */
export interface WebhookRequest {
	path: string;
	method: string;
	headers: Record<string, string | string[] | undefined>;
	body?: unknown;
	query?: IDataObject;
	/** Express's req.ip: the socket address, or N8N_PROXY_HOPS back in X-Forwarded-For. */
	ip?: string;
}

/** The part of Node's ServerResponse a node writes to; a real one in the HTTP host. */
export interface ResponseSink {
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body?: string): unknown;
}

export interface WebhookSetup {
	node: INodeType;
	typeVersion: number;
	parameters: INodeParameters;
	/** Credentials selected on the node, by type. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	logs?: LogLine[];
}

/** An IWebhookFunctions for one request: the parts the Media Gateway Trigger uses, with n8n's semantics. */
export function webhookContext(
	setup: WebhookSetup,
	request: WebhookRequest,
	response: ResponseSink,
): IWebhookFunctions {
	const description = setup.node.description;
	const node = {
		id: 'webhook-node',
		name: description.defaults.name ?? description.displayName,
		type: `n8n-nodes-rtc-paas.${description.name}`,
		typeVersion: setup.typeVersion,
		position: [0, 0] as [number, number],
		parameters:
			NodeHelpers.getNodeParameters(
				description.properties,
				setup.parameters,
				true,
				false,
				{ typeVersion: setup.typeVersion },
				description,
			) ?? setup.parameters,
	};
	const context = {
		getNode: () => node,
		logger: capturingLogger(setup.logs ?? []),
		getRequestObject: () => ({ ...request, ip: request.ip }),
		getResponseObject: () => response,
		getHeaderData: () => request.headers,
		getBodyData: () => request.body,
		getQueryData: () => request.query ?? {},
		getNodeParameter(name: string, fallback?: unknown) {
			const value = valueAt(node.parameters, name);
			if (value !== undefined) return value;
			if (fallback !== undefined) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		},
		async getCredentials(type: string) {
			const data = setup.credentials?.[type];
			// As n8n: a node without a credential of that type selected cannot read one.
			if (!data) throw new Error(`Node "${node.name}" does not have any credentials set`);
			return { ...data };
		},
	};
	return context as unknown as IWebhookFunctions;
}

export interface CapturedResponse {
	status?: number;
	headers: Record<string, string>;
	body?: string;
}

/** Runs webhook() for one request and returns what it decided and what it wrote itself. */
export async function runWebhook(
	setup: WebhookSetup,
	request: WebhookRequest,
): Promise<{ result: IWebhookResponseData; written: CapturedResponse }> {
	const written: CapturedResponse = { headers: {} };
	const sink: ResponseSink = {
		writeHead(status, headers) {
			written.status = status;
			written.headers = headers;
		},
		end(body) {
			written.body = body;
		},
	};
	const result = await setup.node.webhook!.call(webhookContext(setup, request, sink));
	return { result, written };
}
