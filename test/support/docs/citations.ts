import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { markdownAnchors } from './markdownAnchors';

export interface Citation {
	offset: number;
	text: string;
	/** Path of the cited file from the repository root. */
	page: string;
	anchor?: string;
}

/** `docs/vendors/<page>.md` or `docs/vendors/<page>.md#<anchor>`, in code, comments and prose alike. */
const VENDOR_CITATION = /docs\/vendors\/([\w.-]+\.md)(?:#([\p{L}\p{M}\p{N}_-]+))?/gu;

/** Relative Markdown links: `[text](target)` or `[text](target "title")`. */
const MARKDOWN_LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

export function vendorCitations(text: string): Citation[] {
	return [...text.matchAll(VENDOR_CITATION)].map((match) => ({
		offset: match.index,
		text: match[0],
		page: `docs/vendors/${match[1]}`,
		anchor: match[2],
	}));
}

/** Links of a Markdown file to files of the repository (and headings in them), resolved from its folder. */
export function markdownLinks(file: string, markdown: string): Citation[] {
	const links: Citation[] = [];
	for (const match of markdown.matchAll(MARKDOWN_LINK)) {
		const target = match[1];
		if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
		const [pathPart, anchor] = target.split('#', 2);
		const page =
			pathPart === ''
				? file
				: path.posix.normalize(path.posix.join(path.posix.dirname(file), pathPart));
		links.push({
			offset: match.index,
			text: target,
			page,
			anchor: anchor ? decodeURIComponent(anchor) : undefined,
		});
	}
	return links;
}

/** Why a citation does not lead anywhere, or undefined when it does. */
export function brokenCitation(citation: Citation, repositoryRoot: string): string | undefined {
	const absolute = path.join(repositoryRoot, citation.page);
	if (!existsSync(absolute)) return `${citation.page} does not exist`;
	if (citation.anchor === undefined) return undefined;
	if (!citation.page.endsWith('.md'))
		return `${citation.page} is not Markdown, so #${citation.anchor} names nothing`;
	const anchors = markdownAnchors(readFileSync(absolute, 'utf8'));
	if (anchors.has(citation.anchor)) return undefined;
	return `${citation.page} has no heading with the anchor #${citation.anchor}`;
}
