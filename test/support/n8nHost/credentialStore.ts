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

/** The id a node's credential reference gets when a test does not choose one. */
export function defaultCredentialId(type: string): string {
	return `${type}-id`;
}

/** How n8n saves preAuthentication output: 2.x re-reads the stored data and puts the output on top; 1.x saves the data the node sent, with the output on top. */
export type PreAuthenticationSave = '2.x' | '1.x';

/**
 * Stored credentials, shared by every context of a test the way n8n's database is shared by every
 * execution, with n8n's rules for expirable fields: `preAuthentication` runs when the expirable
 * field is '' (or after an HTTP 401), and its output is saved into the credential the node references
 * (node.credentials[type].id) and merged into the data in use.
 */
export class CredentialStore {
	private readonly data: Map<string, ICredentialDataDecryptedObject>;
	preAuthenticationRuns = 0;
	/** How long a save takes to reach "the database" (ms, or a function drawn per save); other readers see the old data meanwhile. */
	saveLatencyMs: number | (() => number) = 0;
	saveMode: PreAuthenticationSave = '2.x';
	/**
	 * This "process"'s clock minus the true time, for the time fields named: it writes them by its
	 * clock and compares them with its clock, which is the same as reading them shifted back.
	 */
	private clock: { skewMs: number; timeFields: string[] } = { skewMs: 0, timeFields: [] };

	constructor(
		private readonly types: Record<string, ICredentialType>,
		database?: Map<string, ICredentialDataDecryptedObject>,
	) {
		this.data = database ?? new Map();
	}

	/**
	 * Another n8n process on the same database: its own credential types (its own copy of the package's
	 * modules, as a queue-mode worker has), the same stored data.
	 */
	sharedWith(
		types: Record<string, ICredentialType>,
		clock?: { skewMs: number; timeFields: string[] },
	): CredentialStore {
		const other = new CredentialStore(types, this.data);
		other.saveLatencyMs = this.saveLatencyMs;
		other.saveMode = this.saveMode;
		if (clock) other.clock = clock;
		return other;
	}

	private shifted(data: IDataObject, sign: 1 | -1): IDataObject {
		const copy = { ...data };
		for (const field of this.clock.timeFields) {
			const value = copy[field];
			// Times are stored as numbers or, where n8n masks the field, as strings of digits.
			if (typeof value === 'number') copy[field] = value + sign * this.clock.skewMs;
			else if (typeof value === 'string' && /^\d+$/.test(value))
				copy[field] = String(Number(value) + sign * this.clock.skewMs);
		}
		return copy;
	}

	set(type: string, data: ICredentialDataDecryptedObject, id = defaultCredentialId(type)): void {
		const defaults = Object.fromEntries(
			this.type(type).properties.map((property) => [property.name, property.default]),
		);
		this.data.set(id, { ...defaults, ...data } as ICredentialDataDecryptedObject);
	}

	get(type: string, id = defaultCredentialId(type)): ICredentialDataDecryptedObject {
		const stored = this.data.get(id);
		if (!stored) throw new Error(`no ${type} credential ${id} in this test`);
		return this.shifted(stored, -1) as ICredentialDataDecryptedObject;
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
		id = defaultCredentialId(typeName),
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
		const latency =
			typeof this.saveLatencyMs === 'function' ? this.saveLatencyMs() : this.saveLatencyMs;
		if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
		const base = this.saveMode === '2.x' ? this.get(typeName, id) : credentials;
		this.data.set(id, this.shifted({ ...base, ...output }, 1) as ICredentialDataDecryptedObject);
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
		const id = node.credentials?.[typeName]?.id ?? defaultCredentialId(typeName);
		const credentials = supplied ?? this.get(typeName, id);
		try {
			await this.preAuthenticate(typeName, credentials, false, id);
			return await httpRequest(await this.authenticate(typeName, credentials, options));
		} catch (error) {
			if ((error as { response?: { status?: number } }).response?.status === 401) {
				try {
					await this.preAuthenticate(typeName, credentials, true, id);
					return await httpRequest(await this.authenticate(typeName, credentials, options));
				} catch (retryError) {
					throw new NodeApiError(node, retryError as JsonObject);
				}
			}
			throw new NodeApiError(node, error as JsonObject);
		}
	}
}
