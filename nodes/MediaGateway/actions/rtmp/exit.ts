import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { MediaGatewayEndpoint, gatewayHeaders } from '../../../shared/mediaGateway/protocol';
import { readRequiredText } from '../../../shared/parameters';
import { fieldsOf, optionsCollection } from '../../../shared/properties';
import { clientDefaults, mediaGatewayRequest } from '../../transport';
import { clientOptions, readClient, roomIdField, tokenField } from '../fields';

const properties: INodeProperties[] = [roomIdField, tokenField, optionsCollection(clientOptions)];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['rtmp'], operation: ['exit'] } },
	properties,
);

/** POST rtmp/exit (docs/vendors/media-gateway.md#endpoints): the RTMP stream of a room ends. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const headers = gatewayHeaders('rtmp', {
		roomId: readRequiredText(this, fields.roomId, itemIndex),
		token: readRequiredText(this, fields.token, itemIndex),
		...readClient(this, itemIndex, await clientDefaults(this, itemIndex)),
	});
	return await mediaGatewayRequest(
		this,
		MediaGatewayEndpoint.RTMP_EXIT,
		headers,
		undefined,
		itemIndex,
	);
}
