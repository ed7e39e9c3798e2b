import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { credentialReference, readCredentials } from '../shared/execution/runCredentials';
import { trimTrailingSlash } from '../shared/urls';
import {
	YOUME_DEFAULTS,
	YOUME_RESIGN_AND_RETRY,
	YoumeError,
	YoumeStatus,
	describeYoumeError,
	type YoumeCommandName,
	type YoumeEnvelope,
} from '../shared/youme/protocol';

const YOUME_CREDENTIAL_TYPE = 'youmeApi';

/** `ErrorCode` when Youme gives one; otherwise what `Status`/`ActionStatus` says. */
function errorCodeOf(answer: YoumeEnvelope): number | undefined {
	if (typeof answer.ErrorCode === 'number') return answer.ErrorCode;
	const status = answer.Status ?? answer.ActionStatus;
	if (status === YoumeStatus.OK) return YoumeError.OK;
	return undefined;
}

/**
 * Sends one command: POST `{base}/{ver}/{service}/{command}` with a JSON body (`{}` when empty), signed by
 * the credential. Answers with a stale `curtime` or an expired URL are retried once, signed anew.
 * Returns undefined for -40012 (no data); any other failure is a NodeApiError with code and meaning.
 */
export async function youmeApiRequest<T extends YoumeEnvelope>(
	context: IExecuteFunctions,
	command: YoumeCommandName,
	body: IDataObject,
	itemIndex: number,
): Promise<T | undefined> {
	// Read once per node run (runCredentials.ts) and handed to n8n, which would otherwise read it again.
	const credentials = await readCredentials(context, YOUME_CREDENTIAL_TYPE, itemIndex);
	const reference = credentialReference(context, YOUME_CREDENTIAL_TYPE);
	const url = [
		trimTrailingSlash(String(credentials.baseUrl || YOUME_DEFAULTS.baseUrl)),
		String(credentials.apiVersion || YOUME_DEFAULTS.apiVersion),
		String(credentials.serviceName || YOUME_DEFAULTS.serviceName),
		command,
	].join('/');

	for (let attempt = 1; ; attempt++) {
		const answer = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			YOUME_CREDENTIAL_TYPE,
			{
				method: 'POST',
				url,
				body,
				json: true,
				headers: { 'Content-Type': 'application/json' },
			},
			{
				credentialsDecrypted: {
					...reference,
					type: YOUME_CREDENTIAL_TYPE,
					data: { ...credentials },
				},
			},
		)) as T;
		const code = typeof answer === 'object' && answer !== null ? errorCodeOf(answer) : undefined;
		if (code === YoumeError.OK) return answer;
		if (code === YoumeError.NO_DATA) return undefined;
		if (code !== undefined && YOUME_RESIGN_AND_RETRY.has(code) && attempt === 1) continue;
		throw youmeApiError(context, answer, command, itemIndex);
	}
}

function youmeApiError(
	context: IExecuteFunctions,
	answer: YoumeEnvelope,
	command: string,
	itemIndex: number,
) {
	const code = typeof answer?.ErrorCode === 'number' ? answer.ErrorCode : undefined;
	const vendorMessage = answer?.ErrorInfo
		? `Youme says "${answer.ErrorInfo}"`
		: 'Youme gave no ErrorInfo';
	return new NodeApiError(
		context.getNode(),
		{ ...(answer as JsonObject) },
		{
			message:
				code === undefined
					? `Youme answered ${command} with ${answer?.Status ?? answer?.ActionStatus ?? 'an unexpected answer'}`
					: `Youme ${code}: ${describeYoumeError(code)}`,
			description: `${vendorMessage} (${command})`,
			itemIndex,
		},
	);
}
