import {
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type Logger,
} from 'n8n-workflow';

import { defaultCredentialId, type CredentialStore } from './credentialStore';
import { errorArtifact, keepArtifact } from '../artifacts';
import { httpRequest } from './httpRequest';

export interface LogLine {
	level: string;
	message: string;
	meta?: unknown;
}

export function capturingLogger(lines: LogLine[]): Logger {
	const at = (level: string) => (message: string, meta?: unknown) => {
		lines.push({ level, message, meta });
		keepArtifact('log', { level, message, meta });
	};
	return {
		error: at('error'),
		warn: at('warn'),
		info: at('info'),
		debug: at('debug'),
	} as unknown as Logger;
}

export interface RunOptions {
	node: INodeType;
	/** Node parameters, or a function of the item index for per-item values (what expressions give). */
	parameters: INodeParameters | ((itemIndex: number) => INodeParameters);
	store: CredentialStore;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	timezone?: string;
	logs?: LogLine[];
	/** Which stored credential the node uses, per type (default: `<type>-id`). */
	credentialIds?: Record<string, string>;
}

export function nodeOf(
	options: Pick<RunOptions, 'node' | 'credentialIds'>,
	parameters: INodeParameters,
): INode {
	const description = options.node.description;
	return {
		id: 'test-node',
		name: description.defaults.name ?? description.displayName,
		type: `n8n-nodes-rtc-paas.${description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(
			(description.credentials ?? []).map((credential) => [
				credential.name,
				{
					id: options.credentialIds?.[credential.name] ?? defaultCredentialId(credential.name),
					name: credential.name,
				},
			]),
		),
	};
}

/** Parameters as n8n hands them to a node: defaults of displayed fields filled in. */
export function resolvedParameters(
	options: Pick<RunOptions, 'node' | 'parameters'>,
	itemIndex: number,
): INodeParameters {
	const given =
		typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;
	const description = options.node.description;
	return (
		NodeHelpers.getNodeParameters(
			description.properties,
			given,
			true,
			false,
			{ typeVersion: 1 },
			description,
		) ?? given
	);
}

/** What n8n shows the node as its parameters: a value that differs between items is an expression there. */
export const ITEM_EXPRESSION = '={{ a value that differs per item }}';

function markVarying(first: unknown, others: unknown[]): unknown {
	if (others.every((other) => JSON.stringify(other) === JSON.stringify(first))) return first;
	if (typeof first !== 'object' || first === null || Array.isArray(first)) return ITEM_EXPRESSION;
	const keys = new Set([first, ...others].flatMap((value) => Object.keys(value ?? {})));
	return Object.fromEntries(
		[...keys].map((key) => [
			key,
			markVarying(
				(first as Record<string, unknown>)[key],
				others.map((other) => (other as Record<string, unknown> | undefined)?.[key]),
			),
		]),
	);
}

/**
 * The node's parameters as n8n holds them (getNode().parameters): per-item values given as a function
 * of the item index stand for expressions, so they appear as one wherever items differ.
 */
export function rawParameters(
	options: Pick<RunOptions, 'node' | 'parameters'>,
	items: number,
): INodeParameters {
	const first = resolvedParameters(options, 0);
	if (typeof options.parameters !== 'function' || items < 2) return first;
	const others = Array.from({ length: items - 1 }, (_, index) =>
		resolvedParameters(options, index + 1),
	);
	return markVarying(first, others) as INodeParameters;
}

export function valueAt(source: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], source);
}

/** helpers.httpRequest and helpers.httpRequestWithAuthentication, over real sockets, with n8n's credential rules. */
export function requestHelpers(store: CredentialStore, node: INode) {
	return {
		httpRequest,
		async httpRequestWithAuthentication(
			type: string,
			requestOptions: IHttpRequestOptions,
			additional?: { credentialsDecrypted?: { data?: ICredentialDataDecryptedObject } },
		) {
			return await store.requestWithAuthentication(
				node,
				type,
				requestOptions,
				additional?.credentialsDecrypted?.data,
			);
		},
	};
}

/** An IExecuteFunctions for one node run; the parts our nodes use, with n8n's semantics. */
export function executeContext(options: RunOptions): IExecuteFunctions {
	const items = options.items ?? [{ json: {} }];
	const node = nodeOf(options, rawParameters(options, items.length));
	const logger = capturingLogger(options.logs ?? []);
	const context = {
		getNode: () => node,
		getInputData: () => items,
		getTimezone: () => options.timezone ?? 'Asia/Shanghai',
		continueOnFail: () => options.continueOnFail ?? false,
		logger,
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown) {
			const value = valueAt(resolvedParameters(options, itemIndex), name);
			if (value !== undefined) return value;
			if (fallback !== undefined) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		},
		async getCredentials(type: string) {
			return options.store.get(type, node.credentials?.[type]?.id ?? undefined);
		},
		helpers: {
			...requestHelpers(options.store, node),
			returnJsonArray(data: IDataObject | IDataObject[]): INodeExecutionData[] {
				return (Array.isArray(data) ? data : [data]).map((json) => ({ json }));
			},
			constructExecutionMetaData(
				data: INodeExecutionData[],
				{ itemData }: { itemData: { item: number } },
			) {
				return data.map((entry) => ({ ...entry, pairedItem: itemData }));
			},
		},
	};
	return context as unknown as IExecuteFunctions;
}

/** Runs a node's execute() once, like one node of one execution. */
export async function runNode(options: RunOptions): Promise<INodeExecutionData[]> {
	let output: unknown;
	try {
		output = await options.node.execute!.call(executeContext(options));
	} catch (error) {
		keepArtifact('output', errorArtifact(error as Error));
		throw error;
	}
	keepArtifact('output', output);
	return (output as INodeExecutionData[][])[0];
}
