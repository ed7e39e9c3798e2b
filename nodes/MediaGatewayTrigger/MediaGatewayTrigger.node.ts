import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { isAllowed, parseAddress } from '../shared/mediaGateway/ipAllowlist';
import { MediaGatewayEndpoint, MediaGatewayResult } from '../shared/mediaGateway/protocol';
import { checkGatewayRequest, endpointOfPath } from '../shared/mediaGateway/validation';
import { answer, refuseCaller, refuseForSetup } from './answers';
import { authenticate, bindingRefusal } from './callerCheck';
import { credentialTest } from './credentialTests';
import { properties, webhooks } from './description';
import { requestItem } from './requestItem';
import {
	GatewayAuthentication,
	readAllowlist,
	readAuthentication,
	securityOptions,
	setupProblem,
	type SecurityOptions,
} from './security';

type TriggerOptions = SecurityOptions & { allowedAppKeys?: string; passToken?: boolean };

/** The caller's address as n8n's Express computed it: the socket's, or N8N_PROXY_HOPS back in X-Forwarded-For. */
function callerAddress(request: { ip?: unknown }): string | undefined {
	return typeof request.ip === 'string' ? request.ip : undefined;
}

export class MediaGatewayTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Media Gateway Trigger',
		name: 'mediaGatewayTrigger',
		icon: { light: 'file:mediaGatewayTrigger.svg', dark: 'file:mediaGatewayTrigger.dark.svg' },
		group: ['trigger'],
		// 1.1 lets requests skip the expression engine (n8n evaluates an `options.binaryData` expression for
		// every request to a version-1 webhook node); 1.2 makes Signed Client Token the default for new nodes.
		version: [1, 1.1, 1.2],
		defaultVersion: 1.2,
		subtitle: '={{"/" + $parameter["path"] + " → " + $parameter["endpoints"].join(", ")}}',
		description:
			'Serves the media gateway exchange endpoints (WeChat mini-program and RTMP) so a workflow can answer them',
		defaults: { name: 'Media Gateway Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'mediaGatewaySharedSecretApi',
				required: true,
				displayOptions: { show: { authentication: ['sharedSecret'] } },
				testedBy: 'mediaGatewaySharedSecretCheck',
			},
			{
				name: 'mediaGatewayClientTokenApi',
				required: true,
				displayOptions: { show: { authentication: ['clientToken'] } },
				testedBy: 'mediaGatewayClientTokenKeyCheck',
			},
		],
		webhooks,
		properties,
	};

	methods = { credentialTest };

	webhookMethods = {
		default: {
			/**
			 * Nothing is registered elsewhere: the endpoints are n8n's own routes. Answering "not there yet"
			 * makes n8n call create() on every activation, where the caller checks are read once.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			/** A setup that would refuse every caller fails the activation, naming what to fix. */
			async create(this: IHookFunctions): Promise<boolean> {
				const problem = await setupProblem(this);
				if (problem) {
					throw new NodeOperationError(this.getNode(), problem, {
						description: 'The Media Gateway Trigger would refuse every request with this setup',
					});
				}
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	/**
	 * Stateless: everything comes from the request, the node's parameters and its credential, so any n8n
	 * webhook process can answer. Checks run cheapest and least revealing first: address, caller, request,
	 * token binding, App-Key, route. Every refusal and monitor/state (unless routed) starts no execution.
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
		const options = securityOptions(this) as TriggerOptions;
		const allowlist = readAllowlist(options);
		if (!allowlist.ok) return refuseForSetup(this, allowlist.problem);
		const ip = callerAddress(request);
		if (!isAllowed(allowlist.value, ip)) {
			const shown = ip !== undefined && parseAddress(ip) ? `address ${ip}` : "the caller's address";
			return refuseCaller(
				this,
				{ resultCode: MediaGatewayResult.ADDRESS_NOT_ALLOWED, message: `${shown} is not allowed` },
				GatewayAuthentication.NONE,
			);
		}
		const routed = this.getNodeParameter('endpoints', []) as string[];
		if (endpoint === MediaGatewayEndpoint.MONITOR_STATE && !routed.includes(endpoint)) {
			return answer({ resultCode: MediaGatewayResult.OK });
		}

		const authentication = await readAuthentication(this, options);
		if (!authentication.ok) return refuseForSetup(this, authentication.problem);
		const method = authentication.value.method;
		const headers = this.getHeaderData();
		const caller = authenticate(authentication.value, headers, Date.now());
		if (!caller.ok) return refuseCaller(this, caller.refusal, method);

		const body = this.getBodyData();
		const checked = checkGatewayRequest(endpoint, request.method, headers, body);
		if (!checked.ok) return answer({ resultCode: checked.resultCode, message: checked.message });
		const binding = bindingRefusal(authentication.value, caller.claims, checked.call);
		if (binding) return refuseCaller(this, binding, method);

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
				headers,
				body,
				ip,
			},
			{
				authentication: method,
				claims: caller.claims,
				secretHeader:
					authentication.value.method === GatewayAuthentication.SHARED_SECRET
						? authentication.value.settings.headerName
						: undefined,
				passToken: options.passToken === true,
			},
		);
		return {
			webhookResponse: { resultCode: MediaGatewayResult.OK },
			workflowData: [[{ json: item }]],
		};
	}
}
