import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import {
	MediaGatewayEndpoint,
	MediaGatewayResult,
	type MediaGatewayAnswer,
} from '../shared/mediaGateway/protocol';
import { checkGatewayRequest, endpointOfPath } from '../shared/mediaGateway/validation';
import { properties, webhooks } from './description';
import { requestItem } from './requestItem';

function answer(body: MediaGatewayAnswer): IWebhookResponseData {
	return { webhookResponse: body };
}

export class MediaGatewayTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Media Gateway Trigger',
		name: 'mediaGatewayTrigger',
		icon: { light: 'file:mediaGatewayTrigger.svg', dark: 'file:mediaGatewayTrigger.dark.svg' },
		group: ['trigger'],
		// 1.1 changes nothing in the node; n8n evaluates an `options.binaryData` expression for every
		// request to a version-1 webhook node, so 1.1 lets requests skip the expression engine.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{"/" + $parameter["path"] + " → " + $parameter["endpoints"].join(", ")}}',
		description:
			'Serves the media gateway exchange endpoints (WeChat mini-program and RTMP) so a workflow can answer them',
		defaults: { name: 'Media Gateway Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks,
		properties,
	};

	/** Nothing to register elsewhere: the endpoints are n8n's own webhook routes. */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	/**
	 * Stateless: everything comes from the request and the node's parameters, so any n8n webhook process
	 * can answer. Invalid requests and monitor/state (unless routed) are answered without an execution.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const endpoint = endpointOfPath(request.path);
		if (!endpoint) {
			return answer({
				resultCode: MediaGatewayResult.NO_PROCESSOR,
				message: "http server hasn't the processor",
			});
		}
		const routed = this.getNodeParameter('endpoints', []) as string[];
		if (endpoint === MediaGatewayEndpoint.MONITOR_STATE && !routed.includes(endpoint)) {
			return answer({ resultCode: MediaGatewayResult.OK });
		}

		const body = this.getBodyData();
		const checked = checkGatewayRequest(endpoint, request.method, this.getHeaderData(), body);
		if (!checked.ok) return answer({ resultCode: checked.resultCode, message: checked.message });

		const options = this.getNodeParameter('options', {}) as {
			allowedAppKeys?: string;
			passToken?: boolean;
		};
		const allowed = String(options.allowedAppKeys ?? '')
			.split(/[\s,]+/)
			.filter(Boolean);
		if (allowed.length > 0 && !allowed.includes(checked.call.appKey)) {
			return answer({
				resultCode: MediaGatewayResult.APP_KEY_NOT_ALLOWED,
				message: `App-Key ${checked.call.appKey} is not allowed`,
			});
		}
		if (!routed.includes(endpoint)) {
			return answer({
				resultCode: MediaGatewayResult.NO_PROCESSOR,
				message: `${endpoint} is not handled by this gateway`,
			});
		}

		const item = requestItem(
			checked.call,
			{
				method: request.method,
				path: request.path,
				query: this.getQueryData() as IDataObject,
				headers: this.getHeaderData(),
				body,
			},
			options.passToken === true,
		);
		return {
			webhookResponse: { resultCode: MediaGatewayResult.OK },
			workflowData: [[{ json: item }]],
		};
	}
}
