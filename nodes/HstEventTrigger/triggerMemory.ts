import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { EgwEvent } from '../shared/hst/egw';
import type { PositionSink } from './handedPositions';
import type { AppState, LedgerEvent } from './ledger';

/**
 * What the trigger remembers between activations, in the workflow's static data (n8n keeps it in the
 * database with the workflow and saves it when the trigger emits and after an activation; see the
 * README, "Restarts"): per app, the state the events handed to executions describe and its version.
 *
 * Stored shape, under the node's static data:
 * `{ account, apps: { [appId]: { version, groups: { [groupId]: { [userId]: [[mediaId, mediaType], …] } } } } }`.
 * `account` is a hash of the gateway and developer ID: another account's apps are never compared with it.
 * Each app's groups are kept as a plain tree updated event by event, so an emit costs what it hands
 * over, not the size of the app.
 */

/**
 * Users and media, over all subscribed apps, that the trigger keeps: n8n writes the whole static data
 * with every emit, so this bounds each write (a few hundred KiB). Apps are kept in the order of the
 * Apps parameter; one that no longer fits keeps only its size.
 */
export const MAX_REMEMBERED_ENTRIES = 10_000;

interface RememberedApp {
	state: AppState;
	version: number;
}

type StoredGroups = Record<string, Record<string, Array<[string, number]>>>;
type StoredApp = { version: number; groups: StoredGroups } | { version: number; tooLarge: number };

interface Tree {
	version: number;
	groups: StoredGroups;
	entries: number;
}

type Recall =
	| { kind: 'known'; app: RememberedApp }
	| { kind: 'unknown' }
	/** The app did not fit in MAX_REMEMBERED_ENTRIES when last saved. */
	| { kind: 'tooLarge'; entries: number };

export function accountKey(gatewayUrl: string, developerId: string): string {
	return createHash('sha256').update(`${gatewayUrl}|${developerId}`).digest('hex').slice(0, 16);
}

function treeOf(state: AppState, version: number): Tree {
	const groups: StoredGroups = {};
	let entries = 0;
	for (const [groupId, users] of state) {
		groups[groupId] = {};
		for (const [userId, media] of users) {
			groups[groupId][userId] = [...media];
			entries += 1 + media.size;
		}
	}
	return { version, groups, entries };
}

/** The change one event makes to a tree; recording status changes nothing a snapshot holds. */
function applyToTree(tree: Tree, event: LedgerEvent): void {
	tree.version = Math.max(tree.version, event.version);
	const group = (tree.groups[event.groupId] ??= {});
	const media = group[event.userId];
	const mediaId = event.mediaId ?? '';
	if (event.id === EgwEvent.USER_JOINED && !media) {
		group[event.userId] = [];
		tree.entries += 1;
	} else if (event.id === EgwEvent.USER_LEFT && media) {
		delete group[event.userId];
		tree.entries -= 1 + media.length;
	} else if (event.id === EgwEvent.MEDIA_STARTED) {
		// A medium of a user not seen joining brings the user in, as the gateway's state would.
		const published = media ?? [];
		if (!media) {
			group[event.userId] = published;
			tree.entries += 1;
		}
		const index = published.findIndex(([id]) => id === mediaId);
		if (index >= 0) published[index] = [mediaId, event.mediaType ?? -1];
		else {
			published.push([mediaId, event.mediaType ?? -1]);
			tree.entries += 1;
		}
	} else if (event.id === EgwEvent.MEDIA_STOPPED && media) {
		const index = media.findIndex(([id]) => id === mediaId);
		if (index >= 0) {
			media.splice(index, 1);
			tree.entries -= 1;
		}
	}
	if (Object.keys(group).length === 0) delete tree.groups[event.groupId];
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

/** The trigger's part of the workflow's static data, for one account and the subscribed apps. */
export class TriggerMemory implements PositionSink {
	private readonly trees = new Map<string, Tree>();
	private changed = false;

	constructor(
		private readonly staticData: IDataObject,
		private readonly account: string,
		private readonly appIds: string[],
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

	begin(appId: string, state: AppState, version: number): void {
		this.trees.set(appId, treeOf(state, version));
		this.changed = true;
	}

	apply(appId: string, event: LedgerEvent): void {
		const tree = this.trees.get(appId);
		if (!tree) return;
		applyToTree(tree, event);
		this.changed = true;
	}

	/**
	 * Puts the apps into the static data (each app's tree by reference, not copied), within the bound,
	 * and drops the apps no longer subscribed. Assigning `apps` is what tells n8n the static data
	 * changed, so it saves it with the next emit.
	 */
	publish(): void {
		if (!this.changed) return;
		const previous = this.sameAccount
			? ((this.staticData.apps as Record<string, StoredApp> | undefined) ?? {})
			: {};
		const apps: Record<string, StoredApp> = {};
		let room = MAX_REMEMBERED_ENTRIES;
		for (const appId of this.appIds) {
			const tree = this.trees.get(appId);
			if (!tree) {
				if (previous[appId]) apps[appId] = previous[appId];
				continue;
			}
			const fits = tree.entries <= room;
			if (fits) room -= tree.entries;
			apps[appId] = fits
				? { version: tree.version, groups: tree.groups }
				: { version: tree.version, tooLarge: tree.entries };
		}
		this.changed = false;
		this.staticData.account = this.account;
		this.staticData.apps = apps as unknown as IDataObject;
	}
}
