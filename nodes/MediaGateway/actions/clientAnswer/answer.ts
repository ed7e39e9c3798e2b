import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MediaGatewayResult } from '../../../shared/mediaGateway/protocol';
import { readIdList, readJsonObject } from '../../../shared/parameters';
import { fieldsOf, optionsCollection } from '../../../shared/properties';

/** The fields of a client answer: docs/vendors/media-gateway.md#answers. */
const ANSWER_FIELDS = [
	'resultCode',
	'message',
	'sdp',
	'publishList',
	'rtmpPublishList',
	'clusterId',
];

export const answerProperties: INodeProperties[] = [
	{
		displayName: 'Answer',
		name: 'answer',
		type: 'json',
		default: '={{ $json }}',
		description:
			'The answer so far, e.g. what Media Gateway → RTMP Exchange returned, or an error item',
	},
	optionsCollection([
		{
			displayName: 'Keep Only Answer Fields',
			name: 'onlySpecFields',
			type: 'boolean',
			default: true,
			description:
				'Whether to keep only resultCode, message, sdp, publishList, rtmpPublishList and clusterId',
		},
		{
			displayName: 'RTMP Publish URIs',
			name: 'rtmpPublishUris',
			type: 'string',
			default: '',
			description: 'Where the client pushes its RTMP stream (rtmpPublishList), separated by commas',
		},
	]),
];

const fields = fieldsOf(answerProperties);

/**
 * A client answer (docs/vendors/media-gateway.md#answers): resultCode 10000 unless the input carries one. An error
 * item (what a node's error output gives: `error`, `description`) becomes resultCode 50000 with the error as
 * message.
 */
export function readAnswer(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const input = readJsonObject(context, fields.answer, itemIndex, { required: false }) ?? {};
	const onlySpecFields = context.getNodeParameter(
		fields.onlySpecFields.name,
		itemIndex,
		true,
	) as boolean;
	const answer: IDataObject = onlySpecFields
		? Object.fromEntries(Object.entries(input).filter(([key]) => ANSWER_FIELDS.includes(key)))
		: { ...input };
	if (typeof answer.resultCode !== 'number') {
		const failed = typeof input.error === 'string';
		answer.resultCode = failed ? MediaGatewayResult.SERVER_ERROR : MediaGatewayResult.OK;
		if (failed && answer.message === undefined) answer.message = input.error;
	}
	const uris = context.getNodeParameter(fields.rtmpPublishUris.name, itemIndex, '')
		? readIdList(context, fields.rtmpPublishUris, itemIndex)
		: [];
	if (uris.length > 0) {
		// Clients read rtmpPublishList[].uri, the protocol document writes rtmpUri: both are given
		// (docs/vendors/media-gateway.md#answers).
		answer.rtmpPublishList = uris.map((uri) => ({ uri, rtmpUri: uri }));
	}
	return { resultCode: answer.resultCode, ...answer };
}
