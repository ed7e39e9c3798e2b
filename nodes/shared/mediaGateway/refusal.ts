import { MediaGatewayResult, type MediaGatewayResultCode } from './protocol';

/** Why a request is refused: the result code to answer and a message naming what was wrong. */
export class Refusal extends Error {
	constructor(
		readonly resultCode: MediaGatewayResultCode,
		message: string,
	) {
		super(message);
	}
}

export const badField = (field: string, problem: string) =>
	new Refusal(MediaGatewayResult.BAD_FIELD, `${field}: ${problem}`);
