import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { HstApi } from '../../credentials/HstApi.credentials';
import { HstAppApi } from '../../credentials/HstAppApi.credentials';
import { Hst } from '../../nodes/Hst/Hst.node';
import { resetAccessTokenSharing } from '../../nodes/shared/hst/accessToken';
import { HstGatewayEmulator } from '../../sandbox/hst/gateway';
import { HstGatewayControl } from '../../sandbox/hst/gatewayControl';
import { SANDBOX_APPS, SANDBOX_DEVELOPERS, type SandboxDeveloper } from '../../sandbox/hst/seed';
import { CredentialStore } from './n8nHost/credentialStore';
import { runNode, type LogLine } from './n8nHost/executeContext';

/** One HST gateway emulator per test file, and a way to run the HST node against it. */
export class HstFixture {
	gateway!: HstGatewayEmulator;
	control!: HstGatewayControl;
	store!: CredentialStore;
	readonly logs: LogLine[] = [];
	readonly developer: SandboxDeveloper = SANDBOX_DEVELOPERS.demo;

	async start(): Promise<void> {
		this.gateway = await HstGatewayEmulator.start({ port: 0 });
		this.control = new HstGatewayControl(this.gateway.url);
		this.freshCredential();
	}

	async stop(): Promise<void> {
		await this.gateway.close();
	}

	/** A new stored credential with no token, and no token bookkeeping left in this process. */
	freshCredential(
		developer: SandboxDeveloper = this.developer,
		overrides: Record<string, unknown> = {},
	): void {
		resetAccessTokenSharing();
		this.store = new CredentialStore({ hstApi: new HstApi(), hstAppApi: new HstAppApi() });
		this.store.set('hstAppApi', {
			appId: SANDBOX_APPS.classroom.appId,
			appSecret: SANDBOX_APPS.classroom.appSecret,
		});
		this.addCredential(undefined, developer, overrides);
	}

	/** One more stored `hstApi` credential (e.g. another user's) in the same n8n, with no token. */
	addCredential(
		id: string | undefined,
		developer: SandboxDeveloper = this.developer,
		overrides: Record<string, unknown> = {},
	): void {
		this.store.set(
			'hstApi',
			{
				gatewayUrl: this.gateway.url,
				accessUrl: this.gateway.url,
				developerId: developer.developerId,
				developerSecret: developer.developerSecret,
				...overrides,
			},
			id,
		);
	}

	async tokensIssued(developer: SandboxDeveloper = this.developer): Promise<number> {
		return await this.control.tokensIssued(developer.developerId);
	}

	async run(
		parameters: INodeParameters | ((itemIndex: number) => INodeParameters),
		options: { items?: number; continueOnFail?: boolean; credentialId?: string } = {},
	): Promise<INodeExecutionData[]> {
		return await runNode({
			node: new Hst(),
			parameters,
			store: this.store,
			credentialIds: options.credentialId ? { hstApi: options.credentialId } : undefined,
			items: Array.from({ length: options.items ?? 1 }, (_, index) => ({ json: { index } })),
			continueOnFail: options.continueOnFail,
			logs: this.logs,
		});
	}

	async requestsTo(path: string) {
		return await this.control.requests(path);
	}
}
