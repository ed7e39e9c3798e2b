import type { IAuthenticateRuleResponseSuccessBody } from 'n8n-workflow';

/**
 * A credential test's rules from a vendor's table of codes: the test fails on every code of the table
 * but those that prove the keys work, with a message naming the vendor, the code and its meaning.
 * A code the table lacks passes, as n8n's rules can only match listed values.
 */
export function credentialFailureRules(
	vendor: string,
	codeField: string,
	meanings: Record<number, string>,
	passing: number[],
): IAuthenticateRuleResponseSuccessBody[] {
	return Object.entries(meanings)
		.filter(([code]) => !passing.includes(Number(code)))
		.map(([code, meaning]) => ({
			type: 'responseSuccessBody',
			properties: { key: codeField, value: Number(code), message: `${vendor} ${code}: ${meaning}` },
		}));
}
