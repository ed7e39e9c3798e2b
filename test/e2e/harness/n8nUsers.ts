import { request } from 'undici';

import { N8nApi } from './n8nApi';

/**
 * A second n8n user (a member), set up the way an owner invites a colleague: the owner invites by
 * email through the editor's REST API (with no mail server configured, n8n answers with the invite
 * link), the invitee accepts with a name and password and gets a session, then creates an API key of
 * their own (member scopes). 2.x accepts with the link's token; 1.x with the inviter and invitee IDs.
 */
export interface N8nMember {
	email: string;
	api: N8nApi;
}

async function rest(
	baseUrl: string,
	method: string,
	path: string,
	body?: unknown,
	cookie?: string,
): Promise<{ status: number; json: { data?: unknown }; cookie: string }> {
	const response = await request(`${baseUrl}/rest${path}`, {
		method: method as 'GET',
		headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.body.text();
	if (response.statusCode >= 400)
		throw new Error(`n8n REST ${method} ${path}: ${response.statusCode} ${text.slice(0, 300)}`);
	const setCookie = [response.headers['set-cookie']]
		.flat()
		.filter(Boolean)
		.map((value) => String(value).split(';')[0])
		.join('; ');
	return { status: response.statusCode, json: text ? JSON.parse(text) : {}, cookie: setCookie };
}

export async function createMember(
	owner: N8nApi,
	person: { email: string; firstName: string; lastName: string; password: string },
): Promise<N8nMember> {
	if (!owner.cookie) throw new Error("inviting a user needs the owner's session");
	const invited = await rest(
		owner.baseUrl,
		'POST',
		'/invitations',
		[{ email: person.email, role: 'global:member' }],
		owner.cookie,
	);
	const [{ user }] = invited.json.data as Array<{ user: { id: string; inviteAcceptUrl: string } }>;
	const link = new URL(user.inviteAcceptUrl);
	const profile = {
		firstName: person.firstName,
		lastName: person.lastName,
		password: person.password,
	};
	const accepted = link.searchParams.get('token')
		? await rest(owner.baseUrl, 'POST', '/invitations/accept', {
				...profile,
				token: link.searchParams.get('token'),
			})
		: await rest(owner.baseUrl, 'POST', `/invitations/${user.id}/accept`, {
				...profile,
				inviterId: link.searchParams.get('inviterId'),
			});
	const cookie = accepted.cookie;
	const scopes = await rest(owner.baseUrl, 'GET', '/api-keys/scopes', undefined, cookie).catch(
		() => undefined,
	);
	const key = await rest(
		owner.baseUrl,
		'POST',
		'/api-keys',
		{
			label: `member-${Date.now()}`,
			expiresAt: null,
			...(scopes ? { scopes: scopes.json.data } : {}),
		},
		cookie,
	);
	const data = key.json.data as { rawApiKey?: string; apiKey?: string };
	return {
		email: person.email,
		api: new N8nApi(owner.baseUrl, String(data.rawApiKey ?? data.apiKey), cookie),
	};
}
