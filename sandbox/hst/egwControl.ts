import type { EgwEventFrame, EgwSyncGroup } from '../../nodes/shared/hst/egw';
import { control } from '../http/controlClient';
import type { ScriptedEvent } from './egwState';

/**
 * drop: close connections abruptly · halfOpen: stop reading and sending, keep TCP up · malformed: send a
 * broken frame · skipVersions: versions pass with no event · loseEvents: the next events change the state
 * but are never sent · rejectLogin: refuse the next logins.
 */
type EgwFault = 'drop' | 'halfOpen' | 'malformed' | 'skipVersions' | 'loseEvents' | 'rejectLogin';

/** Typed access to the event gateway emulator's control API. */
export class EgwControl {
	constructor(readonly baseUrl: string) {}

	/** Pushes events (applied to the state, each with the app's next version); answers the frames sent. */
	push(...events: ScriptedEvent[]): Promise<EgwEventFrame[]> {
		return control(this.baseUrl, 'POST', '/events', { events });
	}

	log(appId: string, sinceVersion = 0): Promise<EgwEventFrame[]> {
		return control(
			this.baseUrl,
			'GET',
			`/log?appId=${encodeURIComponent(appId)}&sinceVersion=${sinceVersion}`,
		);
	}

	state(appId: string): Promise<{ version: number; group_list: EgwSyncGroup[] }> {
		return control(this.baseUrl, 'GET', `/state?appId=${encodeURIComponent(appId)}`);
	}

	sessions(): Promise<Array<{ developerId?: string; apps: string[]; deaf: boolean }>> {
		return control(this.baseUrl, 'GET', '/sessions');
	}

	startGenerator(settings: {
		appId: string;
		rate: number;
		groups?: number;
		users?: number;
		seed?: number;
	}): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/generator', settings);
	}

	stopGenerator(appId: string): Promise<{ generated: number }> {
		return control(this.baseUrl, 'DELETE', '/generator', { appId });
	}

	fault(
		kind: EgwFault,
		details: { appId?: string; count?: number; text?: string } = {},
	): Promise<unknown> {
		return control(this.baseUrl, 'POST', `/faults/${kind}`, details);
	}

	/** Frames the emulator received from clients (tokens left out). */
	received(): Promise<Array<{ body: Record<string, unknown> }>> {
		return control(this.baseUrl, 'GET', '/requests?path=%2F');
	}

	reset(): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/reset');
	}
}
