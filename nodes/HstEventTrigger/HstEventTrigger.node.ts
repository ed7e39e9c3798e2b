import {
	NodeConnectionTypes,
	NodeOperationError,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import { properties } from './description';
import { EventSubscriptions } from './eventSubscriptions';
import { WEBSOCKET_REQUIREMENT, runtimeWebSocket } from './runtimeWebSocket';
import { readSettings } from './settings';

export class HstEventTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HST Event Trigger',
		name: 'hstEventTrigger',
		icon: { light: 'file:hstEventTrigger.svg', dark: 'file:hstEventTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '=Events: {{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when users join or leave HST groups, start or stop media, or a recording changes (HST event gateway)',
		defaults: { name: 'HST Event Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hstApi', required: true }],
		properties,
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		if (!runtimeWebSocket()) throw new NodeOperationError(this.getNode(), WEBSOCKET_REQUIREMENT);
		const subscriptions = new EventSubscriptions(this, readSettings(this));
		const closeFunction = async () => await subscriptions.stop();

		if (this.getMode() === 'manual') {
			// "Listen for test event": connect now, and end the test run with the first event (or snapshot).
			return {
				closeFunction,
				manualTriggerFunction: async () => {
					await subscriptions.start();
					await subscriptions.firstEmitted;
				},
			};
		}
		await subscriptions.start();
		return { closeFunction };
	}
}
