import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { CONCURRENCY_OPTION_NAME, runPerItem, type ItemOperation } from '../../shared/execution/runPerItem';
import * as app from './app';
import * as billingRecord from './billingRecord';
import * as onlineUser from './onlineUser';

const resources: Record<string, Record<string, ItemOperation>> = {
	app: app.operations,
	billingRecord: billingRecord.operations,
	onlineUser: onlineUser.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const chosen = resources[resource]?.[operation];
	if (!chosen) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for "${resource}"`);
	}
	const concurrency = this.getNodeParameter(`requestOptions.${CONCURRENCY_OPTION_NAME}`, 0, 1) as number;
	return await runPerItem.call(this, chosen, concurrency);
}
