import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { YoumeApi } from '../../credentials/YoumeApi.credentials';
import { Youme } from '../../nodes/Youme/Youme.node';
import { YoumeControl } from '../../sandbox/youme/control';
import { YoumeEmulator } from '../../sandbox/youme/emulator';
import { SANDBOX_YOUME_APP } from '../../sandbox/youme/seed';
import { CredentialStore } from './n8nHost/credentialStore';
import { runNode, type LogLine } from './n8nHost/executeContext';

/** One Youme emulator per test file, and a way to run the Youme node against it. */
export class YoumeFixture {
	emulator!: YoumeEmulator;
	control!: YoumeControl;
	store!: CredentialStore;
	readonly logs: LogLine[] = [];

	async start(): Promise<void> {
		this.emulator = await YoumeEmulator.start({ port: 0 });
		this.control = new YoumeControl(this.emulator.url);
		this.credential();
	}

	async stop(): Promise<void> {
		await this.emulator.close();
	}

	credential(overrides: Record<string, unknown> = {}): void {
		this.store = new CredentialStore({ youmeApi: new YoumeApi() });
		this.store.set('youmeApi', {
			baseUrl: this.emulator.url,
			appKey: SANDBOX_YOUME_APP.appKey,
			appSecret: SANDBOX_YOUME_APP.appSecret,
			restApiKey: SANDBOX_YOUME_APP.restApiKey,
			...overrides,
		});
	}

	async run(
		parameters: INodeParameters | ((itemIndex: number) => INodeParameters),
		options: { items?: number; continueOnFail?: boolean; timezone?: string } = {},
	): Promise<INodeExecutionData[]> {
		return await runNode({
			node: new Youme(),
			parameters,
			store: this.store,
			items: Array.from({ length: options.items ?? 1 }, (_, index) => ({ json: { index } })),
			continueOnFail: options.continueOnFail,
			timezone: options.timezone,
			logs: this.logs,
		});
	}
}
