import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import {
	CLIENT_TOKEN_CREDENTIAL,
	clientTokenSettings,
	type ClientTokenSettings,
} from '../shared/mediaGateway/clientToken';
import { parseAllowlist, type Allowlist } from '../shared/mediaGateway/ipAllowlist';
import {
	SHARED_SECRET_CREDENTIAL,
	sharedSecretSettings,
	type SharedSecretSettings,
} from '../shared/mediaGateway/sharedSecret';

/**
 * Who may call the trigger, read from its parameters and credentials. The same reading serves the
 * activation (a setting that could never let anyone in fails the publish, naming it) and every request.
 */

export const GatewayAuthentication = {
	NONE: 'none',
	SHARED_SECRET: 'sharedSecret',
	CLIENT_TOKEN: 'clientToken',
} as const;

export type GatewayAuthenticationMethod =
	(typeof GatewayAuthentication)[keyof typeof GatewayAuthentication];

export type BindableField = 'appKey' | 'roomId' | 'userId';

export type CallerAuthentication =
	| { method: typeof GatewayAuthentication.NONE }
	| { method: typeof GatewayAuthentication.SHARED_SECRET; settings: SharedSecretSettings }
	| {
			method: typeof GatewayAuthentication.CLIENT_TOKEN;
			settings: ClientTokenSettings;
			/** Request fields the token must name, each with the claim that holds it. */
			bindings: Array<{ field: BindableField; claim: string }>;
	  };

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

type SecurityContext = IHookFunctions | IWebhookFunctions;

export interface SecurityOptions {
	ipAllowlist?: string;
	appKeyClaim?: string;
	roomIdClaim?: string;
	userIdClaim?: string;
}

export function securityOptions(context: SecurityContext): SecurityOptions {
	return context.getNodeParameter('options', {}) as SecurityOptions;
}

export function readAllowlist(options: SecurityOptions): Read<Allowlist> {
	const parsed = parseAllowlist(String(options.ipAllowlist ?? ''));
	return parsed.ok
		? { ok: true, value: parsed.allowlist }
		: {
				ok: false,
				problem: `IP Allowlist: ${parsed.invalid.join(', ')} is not an IPv4 or IPv6 address or CIDR range`,
			};
}

async function credentialData(
	context: SecurityContext,
	type: string,
): Promise<Record<string, unknown> | undefined> {
	try {
		return (await context.getCredentials(type)) as Record<string, unknown>;
	} catch {
		// n8n throws when the node has no credential of that type selected; the caller names it.
		return undefined;
	}
}

const CLAIM_OPTION: Record<BindableField, { option: keyof SecurityOptions; fallback: string }> = {
	appKey: { option: 'appKeyClaim', fallback: 'appKey' },
	roomId: { option: 'roomIdClaim', fallback: 'roomId' },
	userId: { option: 'userIdClaim', fallback: 'sub' },
};

export async function readAuthentication(
	context: SecurityContext,
	options: SecurityOptions,
): Promise<Read<CallerAuthentication>> {
	const method = context.getNodeParameter(
		'authentication',
		GatewayAuthentication.NONE,
	) as GatewayAuthenticationMethod;
	if (method === GatewayAuthentication.NONE) return { ok: true, value: { method } };

	if (method === GatewayAuthentication.SHARED_SECRET) {
		const data = await credentialData(context, SHARED_SECRET_CREDENTIAL);
		if (!data) return { ok: false, problem: 'Select a Media Gateway Shared Secret credential' };
		const read = sharedSecretSettings(data);
		return read.ok ? { ok: true, value: { method, settings: read.settings } } : read;
	}

	if (method === GatewayAuthentication.CLIENT_TOKEN) {
		const data = await credentialData(context, CLIENT_TOKEN_CREDENTIAL);
		if (!data) return { ok: false, problem: 'Select a Media Gateway Client Token credential' };
		const read = clientTokenSettings(data);
		if (!read.ok) return read;
		const fields = context.getNodeParameter('claimsMustMatch', []) as BindableField[];
		const bindings = fields.map((field) => {
			const { option, fallback } = CLAIM_OPTION[field];
			return { field, claim: String(options[option] ?? '').trim() || fallback };
		});
		return { ok: true, value: { method, settings: read.settings, bindings } };
	}
	return { ok: false, problem: `Authentication ${String(method)} is not one this node knows` };
}

/** Everything that would refuse every caller, for the activation; undefined when the setup can work. */
export async function setupProblem(context: IHookFunctions): Promise<string | undefined> {
	const options = securityOptions(context);
	const allowlist = readAllowlist(options);
	if (!allowlist.ok) return allowlist.problem;
	const authentication = await readAuthentication(context, options);
	return authentication.ok ? undefined : authentication.problem;
}
