import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MediaGatewayEndpoint } from '../../../shared/mediaGateway/protocol';
import { mediaGatewayRequest } from '../../transport';

export const description: INodeProperties[] = [];

/** GET monitor/state (docs/vendors/media-gateway.md#endpoints): whether the server is up. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await mediaGatewayRequest(
		this,
		MediaGatewayEndpoint.MONITOR_STATE,
		{},
		undefined,
		itemIndex,
	);
}
