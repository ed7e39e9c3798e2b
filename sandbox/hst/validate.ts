import { HstStatus, type HstStatusCode } from '../../nodes/shared/hst/statusCodes';

/** A refusal the gateway answers as HTTP 200 with a non-zero `code`. */
export class GatewayError extends Error {
	constructor(
		readonly code: HstStatusCode,
		message: string,
	) {
		super(message);
	}
}

export const missing = (name: string) =>
	new GatewayError(HstStatus.MISSING_PARAMETER, `missing parameter: ${name}`);
export const bad = (name: string, why: string) =>
	new GatewayError(HstStatus.BAD_PARAMETER, `bad parameter ${name}: ${why}`);

type Source = Record<string, unknown>;

function present(source: Source, name: string): boolean {
	return source[name] !== undefined && source[name] !== null && source[name] !== '';
}

export function requiredString(source: Source, name: string): string {
	if (!present(source, name)) throw missing(name);
	if (typeof source[name] !== 'string') throw bad(name, 'must be a string');
	return source[name] as string;
}

export function optionalString(source: Source, name: string): string | undefined {
	return present(source, name) ? requiredString(source, name) : undefined;
}

/** Integers arrive as JSON numbers in bodies and as digit strings in query strings. */
export function requiredInteger(
	source: Source,
	name: string,
	bounds: { min?: number; max?: number } = {},
): number {
	if (!present(source, name)) throw missing(name);
	const value = source[name];
	const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isSafeInteger(number))
		throw bad(name, 'must be an integer');
	if (bounds.min !== undefined && number < bounds.min)
		throw bad(name, `must be at least ${bounds.min}`);
	if (bounds.max !== undefined && number > bounds.max)
		throw bad(name, `must be at most ${bounds.max}`);
	return number;
}

export function optionalInteger(
	source: Source,
	name: string,
	bounds: { min?: number; max?: number } = {},
) {
	return present(source, name) ? requiredInteger(source, name, bounds) : undefined;
}

export function requiredArray(source: Source, name: string): unknown[] {
	if (!present(source, name)) throw missing(name);
	if (!Array.isArray(source[name])) throw bad(name, 'must be an array');
	if ((source[name] as unknown[]).length === 0) throw missing(name);
	return source[name] as unknown[];
}

export function requiredObject(source: Source, name: string): Record<string, unknown> {
	if (!present(source, name)) throw missing(name);
	const value = source[name];
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw bad(name, 'must be an object');
	return value as Record<string, unknown>;
}

/** An optional integer that must be one of `allowed`; `fallback` when absent. */
export function optionalChoice(
	source: Source,
	name: string,
	allowed: readonly number[],
	fallback?: number,
): number | undefined {
	const value = optionalInteger(source, name);
	if (value === undefined) return fallback;
	if (!allowed.includes(value)) throw bad(name, `must be one of ${allowed.join(', ')}`);
	return value;
}

/** An optional array; its entries are the caller's to check. */
export function optionalArray(source: Source, name: string): unknown[] {
	if (!present(source, name)) return [];
	if (!Array.isArray(source[name])) throw bad(name, 'must be an array');
	return source[name] as unknown[];
}

/** A recording or live refusal: the call was well formed, the task or group does not allow it. */
export const refused = (why: string) => new GatewayError(HstStatus.MEDIA_TASK_REFUSED, why);
