import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { AppState } from './ledger';

/**
 * What the trigger remembers between activations, in the workflow's static data (n8n keeps it in the
 * database with the workflow and saves it when the trigger emits and after an activation; see the
 * README, "Restarts"): per app, the state the events handed to executions describe and its version.
 *
 * Stored shape, under the node's static data:
 * `{ account, apps: { [appId]: { version, groups: { [groupId]: { [userId]: [[mediaId, mediaType], …] } } } } }`.
 * `account` is a hash of the gateway and developer ID: another account's apps are never compared with it.
 */

/** Users and media of one app beyond which its state is not kept (each save writes it whole). */
export const MAX_REMEMBERED_ENTRIES = 10_000;

export interface RememberedApp {
	state: AppState;
	version: number;
}

type StoredGroups = Record<string, Record<string, Array<[string, number]>>>;
type StoredApp = { version: number; groups: StoredGroups } | { version: number; tooLarge: number };

export type Recall =
	| { kind: 'known'; app: RememberedApp }
	| { kind: 'unknown' }
	/** The state was over MAX_REMEMBERED_ENTRIES when last saved. */
	| { kind: 'tooLarge'; entries: number };

export function accountKey(gatewayUrl: string, developerId: string): string {
	return createHash('sha256').update(`${gatewayUrl}|${developerId}`).digest('hex').slice(0, 16);
}

function entriesOf(state: AppState): number {
	let entries = 0;
	for (const users of state.values()) {
		for (const media of users.values()) entries += 1 + media.size;
	}
	return entries;
}

function stored(app: RememberedApp): StoredApp {
	const entries = entriesOf(app.state);
	if (entries > MAX_REMEMBERED_ENTRIES) return { version: app.version, tooLarge: entries };
	const groups: StoredGroups = {};
	for (const [groupId, users] of app.state) {
		groups[groupId] = {};
		for (const [userId, media] of users) groups[groupId][userId] = [...media];
	}
	return { version: app.version, groups };
}

/** Unknown when `value` is not a state this code wrote: nothing is trusted that does not parse. */
function parsed(value: unknown): Recall {
	const app = value as Partial<{ version: unknown; groups: unknown; tooLarge: unknown }>;
	if (!app || typeof app !== 'object' || !Number.isSafeInteger(app.version)) {
		return { kind: 'unknown' };
	}
	if (typeof app.tooLarge === 'number') return { kind: 'tooLarge', entries: app.tooLarge };
	if (!app.groups || typeof app.groups !== 'object') return { kind: 'unknown' };
	const state: AppState = new Map();
	for (const [groupId, users] of Object.entries(app.groups as Record<string, unknown>)) {
		if (!users || typeof users !== 'object') return { kind: 'unknown' };
		const group = new Map<string, Map<string, number>>();
		for (const [userId, media] of Object.entries(users as Record<string, unknown>)) {
			if (!Array.isArray(media)) return { kind: 'unknown' };
			const published = new Map<string, number>();
			for (const entry of media as unknown[]) {
				if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'number')
					return { kind: 'unknown' };
				published.set(entry[0], entry[1]);
			}
			group.set(userId, published);
		}
		state.set(groupId, group);
	}
	return { kind: 'known', app: { state, version: app.version as number } };
}

/** The trigger's part of the workflow's static data, for one account. */
export class TriggerMemory {
	constructor(
		private readonly staticData: IDataObject,
		private readonly account: string,
	) {}

	/** Whether what is stored was written for this developer account. */
	get sameAccount(): boolean {
		return this.staticData.account === this.account;
	}

	/** The credential now names another developer account than the stored apps belong to. */
	get storedForAnotherAccount(): boolean {
		return this.staticData.account !== undefined && !this.sameAccount;
	}

	recall(appId: string): Recall {
		if (!this.sameAccount) return { kind: 'unknown' };
		const apps = this.staticData.apps as Record<string, unknown> | undefined;
		return parsed(apps?.[appId]);
	}

	/**
	 * Stores `changed` apps; apps not in `appIds` (no longer subscribed) are forgotten. Assigning the
	 * properties is what tells n8n the static data changed.
	 */
	remember(appIds: string[], changed: Array<{ appId: string } & RememberedApp>): void {
		const previous = this.sameAccount
			? ((this.staticData.apps as Record<string, StoredApp> | undefined) ?? {})
			: {};
		const apps: Record<string, StoredApp> = {};
		for (const appId of appIds) if (previous[appId]) apps[appId] = previous[appId];
		for (const app of changed) apps[app.appId] = stored(app);
		this.staticData.account = this.account;
		this.staticData.apps = apps as unknown as IDataObject;
	}
}
