import type { INodeParameters, IWebhookDescription } from 'n8n-workflow';

/**
 * Webhook-description fields that n8n can resolve without its expression engine.
 *
 * The editor needs each field as an expression template, but on the backend a template makes n8n
 * evaluate it for every request; under `N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true` that evaluation is
 * what builds a V8 isolate, so a request that starts no execution (a refusal, monitor/state) would
 * still pay for one. n8n 2.x reads a resolver per field from the symbol below and uses it instead
 * of the engine when the field still holds that resolver's template and the node's parameters hold
 * no expression. n8n-workflow exports the same declaration as `webhookDescriptionFields` only from
 * 2.x; the symbol is the shared contract (`Symbol.for`), and n8n 1.x ignores it, evaluating the
 * templates as before. Each resolver must compute exactly what its template does: the unit test
 * `nativeWebhookFields.test.ts` checks both against n8n's own expression engine.
 */
const WEBHOOK_RESOLVERS = Symbol.for('n8n.webhookDescriptionResolvers');

interface NativeField {
	template: string;
	resolve: (parameters: INodeParameters) => unknown;
}

type FieldsOf = Pick<IWebhookDescription, 'path' | 'responseMode' | 'responseData'>;

/** The templates to spread into a webhook description, with their resolvers attached. */
export function nativeWebhookFields(
	fields: Record<keyof FieldsOf, NativeField>,
): Record<keyof FieldsOf, string> {
	const templates = {} as Record<keyof FieldsOf, string>;
	for (const [field, entry] of Object.entries(fields) as Array<[keyof FieldsOf, NativeField]>)
		templates[field] = entry.template;
	return Object.assign(templates, { [WEBHOOK_RESOLVERS]: fields });
}

/** The resolvers a description carries, for the parity test. */
export function resolversOf(description: IWebhookDescription): Record<string, NativeField> {
	return (description as unknown as Record<symbol, Record<string, NativeField>>)[WEBHOOK_RESOLVERS];
}
