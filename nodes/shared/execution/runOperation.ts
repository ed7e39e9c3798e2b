import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { withNodeRun } from './nodeRun';
import { CONCURRENCY_OPTION_NAME, runPerItem, type ItemOperation } from './runPerItem';

type Resources = Record<string, Record<string, ItemOperation>>;

/**
 * An action node's execute(): find the chosen resource → operation and run it for every item, its node,
 * credentials and expression-free parameters read once for the run (nodeRun.ts).
 */
export async function runOperation(
	this: IExecuteFunctions,
	resources: Resources,
): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const chosen = resources[resource]?.[operation];
	if (!chosen) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not known for "${resource}"`,
		);
	}
	const concurrency = Number(
		this.getNodeParameter(`requestOptions.${CONCURRENCY_OPTION_NAME}`, 0, 1),
	);
	return await withNodeRun(this, async () => await runPerItem.call(this, chosen, concurrency));
}
