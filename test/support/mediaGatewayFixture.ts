import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { MediaGatewayApi } from '../../credentials/MediaGatewayApi.credentials';
import { MediaGateway } from '../../nodes/MediaGateway/MediaGateway.node';
import { StreamServerControl } from '../../sandbox/mediaGateway/control';
import { SANDBOX_MEDIA_GATEWAY } from '../../sandbox/mediaGateway/seed';
import { StreamServerEmulator } from '../../sandbox/mediaGateway/streamServer';
import { CredentialStore } from './n8nHost/credentialStore';
import { runNode } from './n8nHost/executeContext';

/** One Stream-Server emulator per test file, and a way to run the Media Gateway node against it. */
export class MediaGatewayFixture {
	server!: StreamServerEmulator;
	control!: StreamServerControl;
	store!: CredentialStore;

	async start(): Promise<void> {
		this.server = await StreamServerEmulator.start({ port: 0 });
		this.control = new StreamServerControl(this.server.url);
		this.credential();
	}

	async stop(): Promise<void> {
		await this.server.close();
	}

	credential(overrides: Record<string, unknown> = {}): void {
		this.store = new CredentialStore({ mediaGatewayApi: new MediaGatewayApi() });
		this.store.set('mediaGatewayApi', {
			baseUrl: this.server.url,
			appKey: SANDBOX_MEDIA_GATEWAY.appKey,
			clientType: 'n8n',
			clientVersion: '2.0.0',
			...overrides,
		});
	}

	async run(
		parameters: INodeParameters,
		options: { items?: number; continueOnFail?: boolean } = {},
	): Promise<INodeExecutionData[]> {
		return await runNode({
			node: new MediaGateway(),
			parameters,
			store: this.store,
			items: Array.from({ length: options.items ?? 1 }, (_, index) => ({ json: { index } })),
			continueOnFail: options.continueOnFail,
		});
	}
}
