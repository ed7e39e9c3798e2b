import type { SandboxUrls } from '../../sandbox';
import { SANDBOX_APPS, SANDBOX_DEVELOPERS } from '../../sandbox/hst/seed';
import {
	SANDBOX_CLIENT_TOKEN_CREDENTIAL,
	SANDBOX_GATEWAY_SECRET,
	SANDBOX_MEDIA_GATEWAY,
} from '../../sandbox/mediaGateway/seed';
import { SANDBOX_YOUME_APP } from '../../sandbox/youme/seed';
import type { N8nApi } from '../../test/e2e/harness/n8nApi';

export interface CredentialSpec {
	name: string;
	type:
		| 'hstApi'
		| 'hstAppApi'
		| 'youmeApi'
		| 'mediaGatewayApi'
		| 'mediaGatewayClientTokenApi'
		| 'mediaGatewaySharedSecretApi';
	data: Record<string, unknown>;
}

export type CredentialRefs = Partial<Record<CredentialSpec['type'], { id: string; name: string }>>;

/** Credentials that point at the sandbox's emulators. */
export function sandboxCredentials(urls: SandboxUrls): CredentialSpec[] {
	const demo = SANDBOX_DEVELOPERS.demo;
	return [
		{
			name: 'HST PaaS (sandbox)',
			type: 'hstApi',
			data: {
				gatewayUrl: urls.hstGateway,
				accessUrl: urls.egw,
				developerId: demo.developerId,
				developerSecret: demo.developerSecret,
			},
		},
		{
			name: 'HST App demo_classroom (sandbox)',
			type: 'hstAppApi',
			data: { appId: SANDBOX_APPS.classroom.appId, appSecret: SANDBOX_APPS.classroom.appSecret },
		},
		{
			name: 'Youme RTC (sandbox)',
			type: 'youmeApi',
			data: { baseUrl: urls.youme, apiVersion: 'v2', serviceName: 'video', ...SANDBOX_YOUME_APP },
		},
		{
			name: 'Stream-Server (sandbox)',
			type: 'mediaGatewayApi',
			data: {
				baseUrl: urls.streamServer,
				appKey: SANDBOX_MEDIA_GATEWAY.appKey,
				clientType: 'n8n',
				clientVersion: '1.0.0',
			},
		},
		{
			name: 'Client Token (sandbox app server)',
			type: 'mediaGatewayClientTokenApi',
			data: { ...SANDBOX_CLIENT_TOKEN_CREDENTIAL },
		},
		{
			name: 'Gateway Secret (sandbox)',
			type: 'mediaGatewaySharedSecretApi',
			data: { ...SANDBOX_GATEWAY_SECRET },
		},
	];
}

/** The environment variables `npm start -- --real` reads; a credential is made only when all its required ones are set. */
export const REAL_CREDENTIAL_ENV = {
	hstApi: {
		required: ['HST_DEVELOPER_ID', 'HST_DEVELOPER_SECRET'],
		optional: ['HST_GATEWAY_URL', 'HST_ACCESS_URL'],
	},
	hstAppApi: { required: ['HST_APP_ID', 'HST_APP_SECRET'], optional: [] },
	youmeApi: {
		required: ['YOUME_APP_KEY', 'YOUME_APP_SECRET', 'YOUME_REST_API_KEY'],
		optional: ['YOUME_BASE_URL', 'YOUME_IDENTIFIER'],
	},
	mediaGatewayApi: { required: ['MEDIA_GATEWAY_URL', 'MEDIA_GATEWAY_APP_KEY'], optional: [] },
	mediaGatewayClientTokenApi: {
		required: ['MEDIA_GATEWAY_TOKEN_KEY'],
		optional: [
			'MEDIA_GATEWAY_TOKEN_ALGORITHM',
			'MEDIA_GATEWAY_TOKEN_ISSUER',
			'MEDIA_GATEWAY_TOKEN_AUDIENCE',
		],
	},
} as const;

/** Credentials for real vendor endpoints, from the environment only: nothing is written to the repository. */
export function realCredentials(env: NodeJS.ProcessEnv): {
	credentials: CredentialSpec[];
	missing: string[];
} {
	const credentials: CredentialSpec[] = [];
	const missing: string[] = [];
	const has = (names: readonly string[]) => names.every((name) => Boolean(env[name]));
	if (has(REAL_CREDENTIAL_ENV.hstApi.required)) {
		credentials.push({
			name: 'HST PaaS',
			type: 'hstApi',
			data: {
				gatewayUrl: env.HST_GATEWAY_URL ?? 'https://fsp-store-gw.hst.com',
				accessUrl: env.HST_ACCESS_URL ?? 'https://access.paas.hst.com',
				developerId: env.HST_DEVELOPER_ID,
				developerSecret: env.HST_DEVELOPER_SECRET,
			},
		});
	} else missing.push(`HST (${REAL_CREDENTIAL_ENV.hstApi.required.join(', ')})`);
	if (has(REAL_CREDENTIAL_ENV.hstAppApi.required)) {
		credentials.push({
			name: 'HST App',
			type: 'hstAppApi',
			data: { appId: env.HST_APP_ID, appSecret: env.HST_APP_SECRET },
		});
	} else missing.push(`HST App (${REAL_CREDENTIAL_ENV.hstAppApi.required.join(', ')})`);
	if (has(REAL_CREDENTIAL_ENV.youmeApi.required)) {
		credentials.push({
			name: 'Youme RTC',
			type: 'youmeApi',
			data: {
				baseUrl: env.YOUME_BASE_URL ?? 'https://api.youme.im',
				apiVersion: 'v2',
				serviceName: 'video',
				appKey: env.YOUME_APP_KEY,
				appSecret: env.YOUME_APP_SECRET,
				restApiKey: env.YOUME_REST_API_KEY,
				identifier: env.YOUME_IDENTIFIER ?? 'admin',
			},
		});
	} else missing.push(`Youme (${REAL_CREDENTIAL_ENV.youmeApi.required.join(', ')})`);
	if (has(REAL_CREDENTIAL_ENV.mediaGatewayApi.required)) {
		credentials.push({
			name: 'Stream-Server',
			type: 'mediaGatewayApi',
			data: {
				baseUrl: env.MEDIA_GATEWAY_URL,
				appKey: env.MEDIA_GATEWAY_APP_KEY,
				clientType: 'n8n',
				clientVersion: '1.0.0',
			},
		});
	} else missing.push(`Media gateway (${REAL_CREDENTIAL_ENV.mediaGatewayApi.required.join(', ')})`);
	if (has(REAL_CREDENTIAL_ENV.mediaGatewayClientTokenApi.required)) {
		// The key of the server that issues your clients' tokens: an HS256 secret or an RS256/ES256 public key.
		const algorithm = env.MEDIA_GATEWAY_TOKEN_ALGORITHM ?? 'ES256';
		const key = env.MEDIA_GATEWAY_TOKEN_KEY;
		credentials.push({
			name: 'Client Token',
			type: 'mediaGatewayClientTokenApi',
			data: {
				algorithm,
				...(algorithm === 'HS256' ? { secret: key } : { publicKey: key }),
				issuer: env.MEDIA_GATEWAY_TOKEN_ISSUER ?? '',
				audience: env.MEDIA_GATEWAY_TOKEN_AUDIENCE ?? '',
				clockTolerance: 30,
			},
		});
	} else
		missing.push(
			`Media gateway client tokens (${REAL_CREDENTIAL_ENV.mediaGatewayClientTokenApi.required.join(', ')})`,
		);
	return { credentials, missing };
}

export async function createCredentials(
	api: N8nApi,
	specs: CredentialSpec[],
): Promise<CredentialRefs> {
	const refs: CredentialRefs = {};
	for (const spec of specs)
		refs[spec.type] = { id: await api.createCredential(spec), name: spec.name };
	return refs;
}
