import type { IAuthenticateRuleResponseSuccessBody } from 'n8n-workflow';

import { YoumeApi } from '../../../credentials/YoumeApi.credentials';
import { YoumeError } from '../../../nodes/shared/youme/protocol';

/** The first rule that fails the credential test for `body`, as n8n applies responseSuccessBody rules. */
function failingRule(body: Record<string, unknown>) {
	const rules = (new YoumeApi().test.rules ?? []) as IAuthenticateRuleResponseSuccessBody[];
	return rules.find((rule) => body[rule.properties.key] === rule.properties.value);
}

describe('Youme credential test', () => {
	it('passes on a day without data (-40012 with Status FAIL): the keys were accepted', () => {
		expect(failingRule({ ErrorCode: YoumeError.NO_DATA, Status: 'FAIL' })).toBeUndefined();
		expect(failingRule({ ErrorCode: YoumeError.NO_DATA, ActionStatus: 'FAIL' })).toBeUndefined();
	});

	it('fails on a wrong checksum with the code and its meaning', () => {
		expect(failingRule({ ErrorCode: -40002, Status: 'FAIL' })?.properties.message).toMatch(
			/^Youme -40002: /,
		);
	});

	it('passes on success', () => {
		expect(failingRule({ ErrorCode: YoumeError.OK, Status: 'OK' })).toBeUndefined();
	});
});
