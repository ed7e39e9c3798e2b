import { updateDisplayOptions, type IExecuteFunctions } from 'n8n-workflow';

import { answerProperties, readAnswer } from './answer';

export const description = updateDisplayOptions(
	{ show: { resource: ['clientAnswer'], operation: ['build'] } },
	answerProperties,
);

/** n8n answers a "When Last Node Finishes" webhook with the last node's JSON as it is: end with this step. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return readAnswer(this, itemIndex);
}
