import type { INodeProperties } from 'n8n-workflow';

import type { Field } from './parameters';

/** n8n's usual "Options" collection: optional fields the user adds one by one. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/** n8n's usual "Filters" collection of a list operation: conditions the user adds one by one. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}

/**
 * What the parameter readers need of each property, keyed by its name: the parameter path (inside a
 * collection, `collection.name`) and the display name an error message names it by. Derived from the
 * properties, so that a field is written once, as the property the editor shows.
 */
export function fieldsOf(properties: INodeProperties[]): Record<string, Field> {
	const fields: Record<string, Field> = {};
	const add = (property: INodeProperties, path: string) => {
		// A name used twice would make one reader silently read the other's field.
		if (fields[property.name]) throw new Error(`Two properties are named "${property.name}"`);
		fields[property.name] = { name: path, label: property.displayName };
	};
	for (const property of properties) {
		add(property, property.name);
		if (property.type !== 'collection') continue;
		for (const option of (property.options ?? []) as INodeProperties[]) {
			add(option, `${property.name}.${option.name}`);
		}
	}
	return fields;
}
