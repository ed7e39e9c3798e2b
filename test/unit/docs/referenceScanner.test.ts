import { brokenCitation, markdownLinks, vendorCitations } from '../../support/docs/citations';
import { headingSlug, markdownAnchors } from '../../support/docs/markdownAnchors';
import { outsideReferences } from '../../support/docs/outsideReferences';
import { REPOSITORY_ROOT } from '../../support/docs/repositoryText';

// What vendorCitations.test.ts relies on: each check flags what it must, and only that. This file holds
// bad references on purpose, so the repository scan leaves it out.
describe('outside references', () => {
	const flagged = (text: string, file = 'nodes/shared/example.ts') =>
		outsideReferences(file, text, REPOSITORY_ROOT).map((reference) => reference.text);

	it.each([
		['per 000', '000'],
		['the flow of 003.', '003'],
		['Business-gateway paths (000, 001).', '000'],
		["as 002's examples show", '002'],
		['(001 "状态码")', '001'],
		['002 §3.1', '002'],
		["it('builds a 003 answer')", '003'],
		['["002 says v1"]', '002'],
		['see SPEC-NOTES', 'SPEC-NOTES'],
		['the spec notes say', 'spec notes'],
		['written from specs/youme.md', 'specs/'],
	])('flags %j', (text, expected) => {
		expect(flagged(text)).toContain(expected);
	});

	it('flags a path that climbs out of the repository to a shared folder', () => {
		expect(flagged('see ../shared/notes.md', 'README.md')).toEqual(['../shared/notes.md']);
		expect(flagged('// ../../../shared/notes.md', 'nodes/Youme/transport.ts')).toEqual([
			'../../../shared/notes.md',
		]);
	});

	it.each([
		'1,000 events',
		'10_000',
		'the token starts with `001`',
		"FSP_TOKEN_VERSION_PREFIX = '001'",
		'/^001[A-Za-z0-9+/]+=*$/',
		'`002${good.slice(3)}`',
		"['teacher01', 'student001', 'student002']",
		'mee7ing5ecret000',
		'0.003 s',
		'a 003x value',
	])('does not flag %j', (text) => {
		expect(flagged(text)).toEqual([]);
	});

	it('accepts an import that stays inside the repository', () => {
		expect(
			flagged("import x from '../../../shared/hst/api';", 'nodes/Hst/actions/app/deep/create.ts'),
		).toEqual([]);
		expect(flagged("import x from '../shared/urls';", 'nodes/Youme/transport.ts')).toEqual([]);
	});
});

describe('citations', () => {
	it('finds the page and the anchor of a citation in prose and in code', () => {
		const text = '/** See docs/vendors/hst.md#fsptoken. */ and docs/vendors/media-gateway.md, done';
		expect(vendorCitations(text).map(({ page, anchor }) => [page, anchor])).toEqual([
			['docs/vendors/hst.md', 'fsptoken'],
			['docs/vendors/media-gateway.md', undefined],
		]);
	});

	it('reports a missing page and a missing heading', () => {
		const [page, anchor] = vendorCitations(
			'docs/vendors/nowhere.md#x docs/vendors/hst.md#no-such-heading',
		);
		expect(brokenCitation(page, REPOSITORY_ROOT)).toBe('docs/vendors/nowhere.md does not exist');
		expect(brokenCitation(anchor, REPOSITORY_ROOT)).toBe(
			'docs/vendors/hst.md has no heading with the anchor #no-such-heading',
		);
	});

	it('resolves Markdown links from the linking file', () => {
		expect(
			markdownLinks(
				'docs/vendors/README.md',
				'[a](hst.md#access-token) [b](#protocols) [c](https://x.y/#z)',
			).map(({ page, anchor }) => [page, anchor]),
		).toEqual([
			['docs/vendors/hst.md', 'access-token'],
			['docs/vendors/README.md', 'protocols'],
		]);
	});

	it('slugs headings as GitHub does', () => {
		expect(headingSlug('wechat/exchange body')).toBe('wechatexchange-body');
		expect(headingSlug('Event gateway (EGW)')).toBe('event-gateway-egw');
		expect(headingSlug('`resultCode`')).toBe('resultcode');
		expect(headingSlug('count_business_total_volume_by_day')).toBe(
			'count_business_total_volume_by_day',
		);
		expect(headingSlug('Queue mode: workers and a webhook process')).toBe(
			'queue-mode-workers-and-a-webhook-process',
		);
		expect(headingSlug('两个命令')).toBe('两个命令');
		expect([...markdownAnchors('# A\n## A\n```\n# not a heading\n```\n### B c')]).toEqual([
			'a',
			'a-1',
			'b-c',
		]);
	});
});
