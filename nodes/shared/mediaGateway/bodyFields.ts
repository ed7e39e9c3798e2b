import { badField } from './refusal';

/** Readers of one field of a JSON body; each refuses naming the field's path and the problem. */

export const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export function optionalBoolean(
	entry: Record<string, unknown>,
	name: string,
	where: string,
): boolean | undefined {
	if (entry[name] === undefined) return undefined;
	if (typeof entry[name] !== 'boolean') throw badField(`${where}.${name}`, 'must be true or false');
	return entry[name] as boolean;
}

export function optionalString(
	entry: Record<string, unknown>,
	name: string,
	where: string,
): string | undefined {
	if (entry[name] === undefined) return undefined;
	if (typeof entry[name] !== 'string') throw badField(`${where}.${name}`, 'must be a string');
	return entry[name] as string;
}

export function requiredString(
	entry: Record<string, unknown>,
	name: string,
	where: string,
): string {
	const value = optionalString(entry, name, where);
	if (value === undefined || value === '') throw badField(`${where}.${name}`, 'is required');
	return value;
}

export function list(value: unknown, where: string): unknown[] {
	if (value === undefined) return [];
	if (!Array.isArray(value)) throw badField(where, 'must be an array');
	return value;
}

export function objectAt(value: unknown, where: string): Record<string, unknown> {
	if (!isObject(value)) throw badField(where, 'must be an object');
	return value;
}
