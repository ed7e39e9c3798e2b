import { updateDisplayOptions, type IExecuteFunctions } from 'n8n-workflow';

import { answerProperties, readAnswer } from './answer';

export const description = updateDisplayOptions(
	{ show: { resource: ['clientAnswer'], operation: ['send'] } },
	answerProperties,
);

/**
 * Answers the waiting client now, for a Media Gateway Trigger set to respond with a respond node: the same
 * n8n mechanism as the Respond to Webhook node, whose versions after 1.0 accept only n8n's own webhook triggers.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const answer = readAnswer(this, itemIndex);
	await this.sendResponse({
		body: answer,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		statusCode: 200,
	});
	return answer;
}
