import { EgwEvent, EgwMediaType } from '../../nodes/shared/hst/egw';
import { pick, seededRandom } from '../random';
import type { EgwState, ScriptedEvent } from './egwState';

export interface GeneratorSettings {
	appId: string;
	/** Events per second. */
	rate: number;
	groups: number;
	users: number;
	seed?: number;
}

const MEDIA_TYPES = [EgwMediaType.AUDIO, EgwMediaType.VIDEO, EgwMediaType.SCREEN_SHARE];

/**
 * A steady stream of believable events for one app: users join groups, start and stop media, leave;
 * now and then a recording changes status. Every event is consistent with the state before it.
 */
export class EgwEventGenerator {
	private readonly random: () => number;
	private timer?: NodeJS.Timeout;
	private owed = 0;
	private lastTick = 0;
	generated = 0;

	constructor(
		private readonly state: EgwState,
		private readonly push: (event: ScriptedEvent) => void,
		readonly settings: GeneratorSettings,
	) {
		this.random = seededRandom(settings.seed ?? 42);
	}

	start(): void {
		this.lastTick = performance.now();
		this.timer = setInterval(() => this.tick(), 10);
	}

	stop(): void {
		clearInterval(this.timer);
		this.timer = undefined;
	}

	get running(): boolean {
		return this.timer !== undefined;
	}

	private tick(): void {
		const now = performance.now();
		this.owed += ((now - this.lastTick) / 1000) * this.settings.rate;
		this.lastTick = now;
		while (this.owed >= 1) {
			this.owed -= 1;
			this.push(this.next());
			this.generated += 1;
		}
	}

	next(): ScriptedEvent {
		const { appId, groups, users } = this.settings;
		const groupId = `gen-group-${1 + Math.floor(this.random() * groups)}`;
		const userId = `gen-user-${1 + Math.floor(this.random() * users)}`;
		const ledger = this.state.ledger(appId);
		const media = ledger.groups.get(groupId)?.get(userId);
		const roll = this.random();
		if (!media) return { appId, id: EgwEvent.USER_JOINED, groupId, userId };
		if (roll < 0.05) {
			return {
				appId,
				id: EgwEvent.RECORDING_STATUS,
				groupId,
				userId,
				recordId: `rec-${groupId}`,
				recordStatus: Math.floor(this.random() * 3),
				recordMessage: 'recording state changed',
			};
		}
		if (media.size > 0 && roll < 0.45) {
			const [mediaId, mediaType] = pick(this.random, [...media]);
			return { appId, id: EgwEvent.MEDIA_STOPPED, groupId, userId, mediaId, mediaType };
		}
		if (roll < 0.8) {
			const mediaType = pick(this.random, MEDIA_TYPES);
			return {
				appId,
				id: EgwEvent.MEDIA_STARTED,
				groupId,
				userId,
				mediaId: `${userId}-m${mediaType}`,
				mediaType,
			};
		}
		return { appId, id: EgwEvent.USER_LEFT, groupId, userId };
	}
}
