import { brokenCitation, markdownLinks, vendorCitations } from '../../support/docs/citations';
import { outsideReferences } from '../../support/docs/outsideReferences';
import { lineAt, REPOSITORY_ROOT, repositoryTextFiles } from '../../support/docs/repositoryText';

// The repository explains itself: code, tests and docs cite the project's own pages under docs/vendors/,
// and every citation leads to a page and a heading that exist.
// The scanner's own examples of bad references are the one file left out.
const SCANNER_EXAMPLES = 'test/unit/docs/referenceScanner.test.ts';
const files = repositoryTextFiles().filter(({ file }) => file !== SCANNER_EXAMPLES);

function where(file: string, text: string, offset: number): string {
	return `${file}:${lineAt(text, offset)}`;
}

describe('the repository explains itself', () => {
	it('scans the repository, the vendor pages included', () => {
		const names = files.map(({ file }) => file);
		expect(names).toEqual(
			expect.arrayContaining(['README.md', 'docs/vendors/hst.md', 'nodes/shared/hst/fspToken.ts']),
		);
	});

	it('cites only docs/vendors/ pages and headings that exist', () => {
		const broken: string[] = [];
		let count = 0;
		for (const { file, text } of files) {
			for (const citation of vendorCitations(text)) {
				count += 1;
				const problem = brokenCitation(citation, REPOSITORY_ROOT);
				if (problem)
					broken.push(`${where(file, text, citation.offset)} ${citation.text}: ${problem}`);
			}
		}
		expect(broken).toEqual([]);
		expect(count).toBeGreaterThan(50);
	});

	it('links Markdown files only to files and headings that exist', () => {
		const broken: string[] = [];
		for (const { file, text } of files.filter(({ file }) => file.endsWith('.md'))) {
			for (const link of markdownLinks(file, text)) {
				const problem = brokenCitation(link, REPOSITORY_ROOT);
				if (problem) broken.push(`${where(file, text, link.offset)} (${link.text}): ${problem}`);
			}
		}
		expect(broken).toEqual([]);
	});

	it('names no document outside the repository', () => {
		const found: string[] = [];
		for (const { file, text } of files) {
			for (const reference of outsideReferences(file, text, REPOSITORY_ROOT)) {
				found.push(
					`${where(file, text, reference.offset)} "${reference.text}": ${reference.reason}`,
				);
			}
		}
		expect(found).toEqual([]);
	});
});
