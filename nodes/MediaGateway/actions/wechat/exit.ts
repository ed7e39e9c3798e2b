import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import {
	MediaGatewayEndpoint,
	gatewayHeaders,
	type HeaderSpelling,
} from '../../../shared/mediaGateway/protocol';
import { readRequiredText } from '../../../shared/parameters';
import { fieldsOf, optionsCollection } from '../../../shared/properties';
import { clientDefaults, mediaGatewayRequest } from '../../transport';
import { clientOptions, readClient, roomIdField, tokenField } from '../fields';
import { headerSpellingField } from './headerSpelling';

const properties: INodeProperties[] = [
	roomIdField,
	tokenField,
	headerSpellingField,
	optionsCollection(clientOptions),
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['wechat'], operation: ['exit'] } },
	properties,
);

/** POST wechat/exit (docs/vendors/media-gateway.md#endpoints) as a mini-program client sends it when it leaves. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const headers = gatewayHeaders(
		this.getNodeParameter('headerSpelling', itemIndex, 'sdk') as HeaderSpelling,
		{
			roomId: readRequiredText(this, fields.roomId, itemIndex),
			token: readRequiredText(this, fields.token, itemIndex),
			...readClient(this, itemIndex, await clientDefaults(this, itemIndex)),
		},
	);
	return await mediaGatewayRequest(
		this,
		MediaGatewayEndpoint.WECHAT_EXIT,
		headers,
		undefined,
		itemIndex,
	);
}
