import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { mapInOrder } from './mapInOrder';

/** One operation of an action node: its fields and what it does for one input item. */
export interface ItemOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

export const CONCURRENCY_OPTION_NAME = 'concurrency';

/** "Options → Concurrent Requests", shared by the action nodes. */
const concurrencyOption: INodeProperties = {
	displayName: 'Concurrent Requests',
	name: CONCURRENCY_OPTION_NAME,
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 32 },
	default: 1,
	description:
		'How many input items are sent at once. Output order and item pairing stay the same; 1 sends them one after another.',
};

/** The "Request Options" collection every action node ends with. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [concurrencyOption],
};

/**
 * Runs an operation for every input item: output items are paired to their input, and with
 * "Continue On Fail" a failing item becomes an error item while the others carry on.
 */
export async function runPerItem(
	this: IExecuteFunctions,
	operation: ItemOperation,
	concurrency = 1,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const perItem = await mapInOrder(items.length, concurrency, async (itemIndex) => {
		try {
			const data = await operation.execute.call(this, itemIndex);
			return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(data), {
				itemData: { item: itemIndex },
			});
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			return [errorItem(nodeError, itemIndex)];
		}
	});
	return [perItem.flat()];
}

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	return { json, pairedItem: { item: itemIndex } };
}
