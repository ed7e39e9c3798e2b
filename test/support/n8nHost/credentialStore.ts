import {
	NodeApiError,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

import { httpRequest } from './httpRequest';

/**
 * Stored credentials, shared by every context of a test the way n8n's database is shared by every
 * execution, with n8n's rules for expirable fields: `preAuthentication` runs when the expirable
 * field is '' (or after an HTTP 401), and its output is saved and merged into the data in use.
 */
export class CredentialStore {
	private readonly data = new Map<string, ICredentialDataDecryptedObject>();
	preAuthenticationRuns = 0;
	/** How long a save takes to reach "the database"; other readers see the old data meanwhile (races). */
	saveLatencyMs = 0;

	constructor(private readonly types: Record<string, ICredentialType>) {}

	set(type: string, data: ICredentialDataDecryptedObject): void {
		const defaults = Object.fromEntries(
			this.type(type).properties.map((property) => [property.name, property.default]),
		);
		this.data.set(type, { ...defaults, ...data } as ICredentialDataDecryptedObject);
	}

	get(type: string): ICredentialDataDecryptedObject {
		const stored = this.data.get(type);
		if (!stored) throw new Error(`no ${type} credential in this test`);
		return { ...stored };
	}

	type(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new Error(`unknown credential type ${name}`);
		return type;
	}

	async preAuthenticate(
		typeName: string,
		credentials: ICredentialDataDecryptedObject,
		expired: boolean,
	): Promise<void> {
		const type = this.type(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return;
		if (credentials[expirable.name] !== '' && !expired) return;
		this.preAuthenticationRuns++;
		const output = await type.preAuthentication.call(
			{ helpers: { httpRequest } } as never,
			credentials,
		);
		if (output[expirable.name] === undefined) return;
		if (this.saveLatencyMs > 0)
			await new Promise((resolve) => setTimeout(resolve, this.saveLatencyMs));
		// As n8n 2.x: the stored data, re-read at save time, with the output's fields on top.
		this.data.set(typeName, { ...this.get(typeName), ...output } as ICredentialDataDecryptedObject);
		Object.assign(credentials, output);
	}

	async authenticate(
		typeName: string,
		credentials: ICredentialDataDecryptedObject,
		options: IHttpRequestOptions,
	) {
		const authenticate = this.type(typeName).authenticate;
		if (!authenticate) return options;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		const resolve = (value: unknown) =>
			typeof value === 'string' && value.startsWith('=')
				? value
						.slice(1)
						.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, name: string) =>
							String(credentials[name] ?? ''),
						)
				: value;
		const resolveAll = (source: IDataObject | undefined) =>
			Object.fromEntries(
				Object.entries(source ?? {}).map(([key, value]) => [key, resolve(value)]),
			) as IDataObject;
		const { headers, qs, body } = authenticate.properties;
		return {
			...options,
			headers: { ...options.headers, ...resolveAll(headers) },
			qs: { ...options.qs, ...resolveAll(qs) },
			...(body ? { body: { ...(options.body as IDataObject), ...resolveAll(body) } } : {}),
		};
	}

	/** n8n-core's httpRequestWithAuthentication, step for step. */
	async requestWithAuthentication(
		node: INode,
		typeName: string,
		options: IHttpRequestOptions,
		supplied?: ICredentialDataDecryptedObject,
	): Promise<unknown> {
		const credentials = supplied ?? this.get(typeName);
		try {
			await this.preAuthenticate(typeName, credentials, false);
			return await httpRequest(await this.authenticate(typeName, credentials, options));
		} catch (error) {
			if ((error as { response?: { status?: number } }).response?.status === 401) {
				try {
					await this.preAuthenticate(typeName, credentials, true);
					return await httpRequest(await this.authenticate(typeName, credentials, options));
				} catch (retryError) {
					throw new NodeApiError(node, retryError as JsonObject);
				}
			}
			throw new NodeApiError(node, error as JsonObject);
		}
	}
}
