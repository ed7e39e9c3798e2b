import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	HST_APP_CREDENTIAL_TYPE,
	hstAppCredentialProblem,
	readHstAppCredentials,
} from '../../../shared/hst/appCredentials';
import { readCredentials } from '../../../shared/execution/runCredentials';
import { createFspToken } from '../../../shared/hst/fspToken';
import { readInteger, readRequiredText, readText } from '../../../shared/parameters';
import { fieldsOf, optionsCollection } from '../../../shared/properties';

/**
 * `et` is an absolute time in Unix seconds, which HST's TokenGenerator holds in 32 bits
 * (docs/vendors/hst.md#client-login-tokens); ten years from now stays far inside that.
 */
const TEN_YEARS_SECONDS = 10 * 365 * 24 * 60 * 60;

const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		description: 'The user who logs in with the token',
	},
	{
		displayName: 'Group ID',
		name: 'groupId',
		type: 'string',
		default: '',
		description: 'The group (room) the token is for; empty for a token not bound to a group',
	},
	optionsCollection([
		{
			displayName: 'Expires In (Seconds)',
			name: 'expiresIn',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: TEN_YEARS_SECONDS },
			default: 3600,
			description: 'How long the token may be used; without this option it does not expire',
		},
	]),
];

const fields = fieldsOf(properties);

export const description = updateDisplayOptions(
	{ show: { resource: ['clientToken'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const userId = readRequiredText(this, fields.userId, itemIndex);
	const groupId = readText(this, fields.groupId, itemIndex);
	const expiresIn = readInteger(this, fields.expiresIn, itemIndex, {
		min: 1,
		max: TEN_YEARS_SECONDS,
	});
	const credentials = readHstAppCredentials(
		await readCredentials(this, HST_APP_CREDENTIAL_TYPE, itemIndex),
	);
	const problem = hstAppCredentialProblem(credentials);
	if (problem) {
		throw new NodeOperationError(this.getNode(), `HST App credential: ${problem}`, {
			itemIndex,
			description: 'Fix the App ID and App Secret of the HST App credential this node uses.',
		});
	}
	const expiresAt = expiresIn === undefined ? undefined : Math.floor(Date.now() / 1000) + expiresIn;
	const token = createFspToken(credentials.appSecret, {
		appId: credentials.appId,
		groupId,
		userId,
		expiresAt,
	});
	return {
		token,
		app_id: credentials.appId,
		group_id: groupId,
		user_id: userId,
		expires_at: expiresAt === undefined ? null : new Date(expiresAt * 1000).toISOString(),
		expires_at_unix: expiresAt ?? null,
	};
}
