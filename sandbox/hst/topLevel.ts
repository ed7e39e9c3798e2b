/**
 * An answer whose fields go next to `code` rather than under `result`: how HST documents its recording
 * and live APIs. The gateway emulator can also be told to put them under `result` (what HST's live demo
 * reads), so clients are tested against both.
 */
export class TopLevelAnswer {
	constructor(readonly fields: Record<string, unknown>) {}
}

export const AnswerStyle = { TOP_LEVEL: 'topLevel', UNDER_RESULT: 'underResult' } as const;
export type AnswerStyleName = (typeof AnswerStyle)[keyof typeof AnswerStyle];

export function isAnswerStyle(value: unknown): value is AnswerStyleName {
	return value === AnswerStyle.TOP_LEVEL || value === AnswerStyle.UNDER_RESULT;
}
