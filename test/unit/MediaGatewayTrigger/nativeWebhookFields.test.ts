import {
	Workflow,
	resolveWebhookDescriptionField,
	type INode,
	type INodeParameters,
	type INodeTypes,
	type IWebhookDescription,
} from 'n8n-workflow';

import { MediaGatewayTrigger } from '../../../nodes/MediaGatewayTrigger/MediaGatewayTrigger.node';
import { resolversOf } from '../../../nodes/MediaGatewayTrigger/nativeWebhookFields';

const trigger = new MediaGatewayTrigger();
const nodeTypes: INodeTypes = {
	getByName: () => trigger,
	getByNameAndVersion: () => trigger,
	getKnownTypes: () => ({}),
};

/** The node as n8n holds it in a workflow: parameters completed with their defaults. */
function workflowNode(
	parameters: INodeParameters,
	typeVersion = 1.1,
): { workflow: Workflow; node: INode } {
	const workflow = new Workflow({
		nodes: [
			{
				id: 'gateway',
				name: 'Gateway',
				type: 'n8n-nodes-rtc-paas.mediaGatewayTrigger',
				typeVersion,
				position: [0, 0],
				parameters,
			},
		],
		connections: {},
		active: false,
		nodeTypes,
	});
	return { workflow, node: workflow.getNode('Gateway')! };
}

const settings: INodeParameters[] = [
	{},
	{ path: 'gw', respond: 'onReceived' },
	{ path: 'tenant/a-b_c', respond: 'lastNode' },
	{ path: '网关', respond: 'responseNode' },
];
const webhooks = trigger.description.webhooks as IWebhookDescription[];
const fields = ['path', 'responseMode', 'responseData'] as const;

describe('Media Gateway Trigger: webhook fields resolved without the expression engine', () => {
	it.each(settings)('every resolver gives what n8n’s engine makes of its template (%j)', (set) => {
		const { workflow, node } = workflowNode(set);
		for (const description of webhooks) {
			for (const field of fields) {
				const template = description[field] as string;
				const byEngine = workflow.expression.getSimpleParameterValue(
					node,
					template,
					'internal',
					{},
				);
				expect({ field, value: resolversOf(description)[field].resolve(node.parameters) }).toEqual({
					field,
					value: byEngine,
				});
			}
		}
	});

	it.each([1.1, 1.2])(
		'is what n8n itself resolves natively: every field, for static parameters (version %s)',
		(typeVersion) => {
			const { node } = workflowNode(
				{ path: 'gw', respond: 'lastNode', authentication: 'clientToken' },
				typeVersion,
			);
			for (const description of webhooks) {
				for (const field of fields) {
					expect(resolveWebhookDescriptionField(node, description, field)).toEqual({
						resolved: true,
						value: resolversOf(description)[field].resolve(node.parameters),
					});
				}
			}
		},
	);

	it('lists the paths as templates for the editor', () => {
		expect(webhooks.map((description) => description.path)).toContain(
			'={{$parameter["path"]}}/wechat/exchange',
		);
	});

	it('leaves a path the user wrote as an expression to the engine', () => {
		const { node } = workflowNode({ path: '={{ "gw-" + $workflow.id }}' });
		expect(resolveWebhookDescriptionField(node, webhooks[0], 'path')).toEqual({ resolved: false });
	});
});
