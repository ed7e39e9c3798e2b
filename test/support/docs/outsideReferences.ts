import path from 'node:path';

/**
 * References to documents that are not in the repository: the numbers the vendors' documents were once
 * filed under, a notes file, and folders next to the repository. A clone cannot follow them; the
 * project's own pages under docs/vendors/ are cited instead.
 */
export interface OutsideReference {
	offset: number;
	text: string;
	reason: string;
}

const DOCUMENT_NUMBER = '00[0-3]';

/**
 * A document number used as a name: a word of its own (after the start of a line, a space, `(` or an
 * opening quote), followed by `'s`, a space, `)`, `,`, `;`, `:`, `§` or a full stop that ends the
 * sentence. Numbers that are not names stay clear: digit groups (`1,000`, `10_000`), values in code and
 * strings (`` `001` ``, `'001'`, `/^001…/`, `` `002${…}` ``), and names that merely contain the digits
 * (`student001`).
 */
const DOCUMENT_NAME = new RegExp(
	`(?<=^|[\\s("'\`])${DOCUMENT_NUMBER}(?=['’]s\\b|[\\s),;:§]|\\.(?!\\d)|$)`,
	'gm',
);

/** The notes file the package's first comments cited, in any spelling of its name. */
const NOTES_FILE = /\bspec[-_ ]?notes\b/gi;

/** A folder of specifications, as a path. */
const SPECS_FOLDER = /(?<![\w.-])specs\//gi;

/** A path that climbs to a `shared` folder: legitimate only when it lands inside the repository. */
const SHARED_PATH = /(?:\.\.\/)+shared\b[\w./-]*/g;

export function outsideReferences(
	file: string,
	text: string,
	repositoryRoot: string,
): OutsideReference[] {
	const found: OutsideReference[] = [];
	for (const match of text.matchAll(DOCUMENT_NAME)) {
		found.push({ offset: match.index, text: match[0], reason: 'a document number used as a name' });
	}
	for (const match of text.matchAll(NOTES_FILE)) {
		found.push({
			offset: match.index,
			text: match[0],
			reason: 'a notes file outside the repository',
		});
	}
	for (const match of text.matchAll(SPECS_FOLDER)) {
		found.push({ offset: match.index, text: match[0], reason: 'a specifications folder' });
	}
	for (const match of text.matchAll(SHARED_PATH)) {
		const target = path.resolve(repositoryRoot, path.dirname(file), match[0]);
		const relative = path.relative(repositoryRoot, target);
		if (relative.startsWith('..') || path.isAbsolute(relative)) {
			found.push({
				offset: match.index,
				text: match[0],
				reason: 'a path that leaves the repository',
			});
		}
	}
	return found.sort((a, b) => a.offset - b.offset);
}
