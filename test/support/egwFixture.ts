import type { INodeParameters } from 'n8n-workflow';

import { HstApi } from '../../credentials/HstApi.credentials';
import { HstEventTrigger } from '../../nodes/HstEventTrigger/HstEventTrigger.node';
import { resetAccessTokenSharing } from '../../nodes/shared/hst/accessToken';
import { EgwControl } from '../../sandbox/hst/egwControl';
import { EgwEmulator } from '../../sandbox/hst/egwEmulator';
import { HstGatewayEmulator } from '../../sandbox/hst/gateway';
import { HstGatewayControl } from '../../sandbox/hst/gatewayControl';
import { SANDBOX_APPS, SANDBOX_DEVELOPERS } from '../../sandbox/hst/seed';
import { CredentialStore } from './n8nHost/credentialStore';
import type { LogLine } from './n8nHost/executeContext';
import {
	activateTrigger,
	type TriggerRun,
	type WorkflowStaticData,
} from './n8nHost/triggerContext';

export const CLASSROOM = SANDBOX_APPS.classroom.appId;
export const MEETING = SANDBOX_APPS.meeting.appId;

/** The HST business gateway and event gateway emulators (sharing accounts and tokens), and the trigger. */
export class EgwFixture {
	gateway!: HstGatewayEmulator;
	egw!: EgwEmulator;
	egwControl!: EgwControl;
	gatewayControl!: HstGatewayControl;
	store!: CredentialStore;
	readonly logs: LogLine[] = [];
	private readonly runs: TriggerRun[] = [];

	/** A fixture for the enclosing suite: started once, stopped at the end, its triggers deactivated after each test. */
	static forSuite(): EgwFixture {
		const fixture = new EgwFixture();
		beforeAll(() => fixture.start());
		afterAll(() => fixture.stop());
		afterEach(() => fixture.deactivateAll());
		return fixture;
	}

	async start(): Promise<void> {
		this.gateway = await HstGatewayEmulator.start({ port: 0 });
		this.egw = await EgwEmulator.start({
			port: 0,
			world: this.gateway.world,
			tokens: this.gateway.tokens,
		});
		this.egwControl = new EgwControl(this.egw.url);
		this.gatewayControl = new HstGatewayControl(this.gateway.url);
		this.freshCredential();
	}

	/** Deactivates every trigger this fixture activated. */
	async deactivateAll(): Promise<void> {
		await Promise.all(this.runs.splice(0).map((run) => run.close()));
	}

	async stop(): Promise<void> {
		await this.deactivateAll();
		await this.egw.close();
		await this.gateway.close();
	}

	freshCredential(overrides: Record<string, unknown> = {}): void {
		resetAccessTokenSharing();
		this.store = new CredentialStore({ hstApi: new HstApi() });
		this.addCredential(undefined, overrides);
	}

	/** One more stored `hstApi` credential (e.g. another user's) in the same n8n, with no token. */
	addCredential(id: string | undefined, overrides: Record<string, unknown> = {}): void {
		this.store.set(
			'hstApi',
			{
				gatewayUrl: this.gateway.url,
				accessUrl: this.egw.url,
				developerId: SANDBOX_DEVELOPERS.demo.developerId,
				developerSecret: SANDBOX_DEVELOPERS.demo.developerSecret,
				...overrides,
			},
			id,
		);
	}

	/** `executionMs`: how long each execution the trigger starts takes before its done-promise settles. */
	async activate(
		parameters: INodeParameters,
		mode: 'trigger' | 'manual' = 'trigger',
		executionMs = 0,
		options: { staticData?: WorkflowStaticData; credentialId?: string } = {},
	): Promise<TriggerRun> {
		const run = await activateTrigger({
			node: new HstEventTrigger(),
			parameters,
			store: this.store,
			mode,
			logs: this.logs,
			executionMs,
			staticData: options.staticData,
			credentialIds: options.credentialId ? { hstApi: options.credentialId } : undefined,
		});
		this.runs.push(run);
		return run;
	}

	async tokensIssued(): Promise<number> {
		return await this.gatewayControl.tokensIssued(SANDBOX_DEVELOPERS.demo.developerId);
	}
}

export function appsParameter(
	...apps: Array<{ appId: string; groupIds?: string }>
): INodeParameters {
	return { apps: { app: apps.map((app) => ({ appId: app.appId, groupIds: app.groupIds ?? '' })) } };
}
