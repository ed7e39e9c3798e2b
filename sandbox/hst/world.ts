import { randomBytes } from 'node:crypto';

import type { AppResult, CommandTarget } from '../../nodes/shared/hst/api';
import { HST_SERVICE_NAMES } from '../../nodes/shared/hst/services';
import { pick, seedOf, seededRandom } from '../random';
import { EgwState } from './egwState';
import { LiveStreams } from './liveStreams';
import { RecordingStore } from './recordings';
import { SANDBOX_APPS, SANDBOX_DEVELOPERS, type SandboxDeveloper, type SeedApp } from './seed';

export interface Terminal {
	terminalSeqNum: string;
	mutexType: string;
	clientGuid: string;
}

interface UserState {
	userId: string;
	terminals: Terminal[];
}

/** An app as the gateway holds it: the seed's settings, with its users' live state. */
export interface AppState extends Omit<SeedApp, 'userIds' | 'groups'> {
	users: Map<string, UserState>;
}

export interface ReceivedInvite {
	at: number;
	appId: string;
	groupId: string;
	seqId: number;
	userIds: string[];
	failedUserIds: string[];
	extendInfo?: Record<string, unknown>;
}

export interface ReceivedCommand {
	at: number;
	appId: string;
	msgId: number;
	targets: CommandTarget[];
	message: Record<string, unknown>;
}

const MUTEX_TYPES = ['pc', 'mobile', 'web'] as const;

/** Everything the HST business gateway knows; the event gateway emulator shares it. */
export class HstWorld {
	readonly developers = new Map<string, SandboxDeveloper>();
	readonly apps = new Map<string, AppState>();
	readonly invites: ReceivedInvite[] = [];
	readonly commands: ReceivedCommand[] = [];
	/**
	 * Who is in which group, broadcasting what: the event gateway pushes its changes, the business
	 * gateway asks it whether a group broadcasts (live streaming needs that). Reset with the event gateway.
	 */
	readonly rooms = new EgwState(this);
	readonly recordings = new RecordingStore();
	readonly liveStreams = new LiveStreams();

	constructor() {
		this.reset();
	}

	reset(): void {
		this.developers.clear();
		this.apps.clear();
		this.invites.length = 0;
		this.commands.length = 0;
		for (const developer of Object.values(SANDBOX_DEVELOPERS))
			this.developers.set(developer.developerId, developer);
		for (const seed of Object.values(SANDBOX_APPS)) this.apps.set(seed.appId, seededApp(seed));
		this.recordings.reset([SANDBOX_APPS.classroom.appId]);
		this.liveStreams.clear();
	}

	appsOf(developerId: string): AppState[] {
		return [...this.apps.values()].filter((app) => app.developerId === developerId);
	}

	appOf(developerId: string, appId: string): AppState | undefined {
		const app = this.apps.get(appId);
		return app?.developerId === developerId ? app : undefined;
	}

	createApp(
		developerId: string,
		fields: Omit<AppState, 'appId' | 'appSecret' | 'developerId' | 'users'>,
	): AppState {
		const app: AppState = {
			...fields,
			appId: randomBytes(16).toString('hex'),
			appSecret: randomBytes(8).toString('hex'),
			developerId,
			users: new Map(),
		};
		this.apps.set(app.appId, app);
		return app;
	}

	/** Brings a user online on one terminal (the event gateway calls this when a user joins a group). */
	connect(app: AppState, userId: string, mutexType = 'pc'): void {
		const user = app.users.get(userId) ?? { userId, terminals: [] };
		if (!user.terminals.some((terminal) => terminal.mutexType === mutexType)) {
			const guid = `${userId}-${mutexType}`;
			user.terminals.push({ terminalSeqNum: guid, mutexType, clientGuid: guid });
		}
		app.users.set(userId, user);
	}
}

export function appResult(app: AppState): AppResult {
	return {
		app_id: app.appId,
		app_secret: app.appSecret,
		app_name: app.appName,
		status: app.status,
		...(app.consumptionLimit === undefined ? {} : { consumption_limit: app.consumptionLimit }),
		service: app.services.map((service) => ({
			...service,
			service_name: HST_SERVICE_NAMES[service.service_id],
		})),
	};
}

function seededApp(seed: SeedApp): AppState {
	const random = seededRandom(seedOf(seed.appId));
	const members = new Set(Object.values(seed.groups).flat());
	const users = new Map<string, UserState>();
	for (const userId of seed.userIds) {
		const online = members.has(userId) || random() < 0.75;
		const terminals: Terminal[] = [];
		if (online) {
			const first = pick(random, MUTEX_TYPES);
			terminals.push({
				terminalSeqNum: `${userId}-${first}`,
				mutexType: first,
				clientGuid: `${userId}-${first}`,
			});
			if (random() < 0.25) {
				const second = MUTEX_TYPES.find((type) => type !== first) ?? 'web';
				terminals.push({
					terminalSeqNum: `${userId}-${second}`,
					mutexType: second,
					clientGuid: `${userId}-${second}`,
				});
			}
		}
		users.set(userId, { userId, terminals });
	}
	return {
		appId: seed.appId,
		appSecret: seed.appSecret,
		appName: seed.appName,
		developerId: seed.developerId,
		status: seed.status,
		consumptionLimit: 'consumptionLimit' in seed ? seed.consumptionLimit : undefined,
		services: seed.services.map((service) => ({ ...service })),
		users,
	};
}
