import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import type { HstAnswer } from '../shared/hst/api';
import type { HstCall } from './transport';

/**
 * The recording and live APIs document their fields next to `code`, where the older APIs put them
 * under `result`; HST's own demos read both ways (docs/vendors/hst.md#recording-and-live-answers).
 * These readers accept either, so an operation names a field once.
 */

const ENVELOPE_FIELDS = new Set(['code', 'msg', 'result']);

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every field of the answer except the envelope's own, top-level ones and those under `result` merged. */
export function answerFields(answer: HstAnswer): IDataObject {
	const fields: IDataObject = {};
	for (const [name, value] of Object.entries(answer)) {
		if (!ENVELOPE_FIELDS.has(name)) fields[name] = value as IDataObject[string];
	}
	return isObject(answer.result) ? { ...fields, ...(answer.result as IDataObject) } : fields;
}

/** The first of `names` the answer carries, top-level or under `result`, as a list. */
export function listFromAnswer<T>(answer: HstAnswer, names: string[]): T[] {
	if (Array.isArray(answer.result)) return answer.result as T[];
	for (const source of [answer, answer.result]) {
		if (!isObject(source)) continue;
		for (const name of names) {
			if (Array.isArray(source[name])) return source[name] as T[];
		}
	}
	return [];
}

/** A whole number the answer carries under `name`, top-level or under `result`. */
export function numberFromAnswer(answer: HstAnswer, name: string): number | undefined {
	const value = answerFields(answer)[name];
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** A text field the call must answer (such as `record_id`); its absence is the vendor's failure. */
export function requiredAnswerText(
	node: INode,
	answer: HstAnswer,
	name: string,
	call: HstCall,
	itemIndex: number,
): string {
	const value = answerFields(answer)[name];
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number') return String(value);
	throw new NodeApiError(node, { answer: JSON.stringify(answer).slice(0, 200) } as JsonObject, {
		message: `HST answered ${call.method} ${call.path} without ${name}`,
		description:
			'The call succeeded (code 0) but its answer lacks the field this operation returns',
		itemIndex,
	});
}
