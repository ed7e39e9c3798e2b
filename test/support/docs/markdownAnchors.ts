/**
 * The anchors GitHub gives a Markdown file's headings: the heading's text in lower case, inline code and
 * link syntax reduced to their text, every character that is not a letter, digit, space, `-` or `_`
 * dropped, spaces turned into `-`; a repeated slug gets `-1`, `-2`, … Headings inside code fences do
 * not count.
 */
export function markdownAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	let fence: string | undefined;
	for (const line of markdown.split('\n')) {
		const fenceMark = /^\s*(```|~~~)/.exec(line)?.[1];
		if (fenceMark) {
			if (fence === undefined) fence = fenceMark;
			else if (fence === fenceMark) fence = undefined;
			continue;
		}
		if (fence !== undefined) continue;
		const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const slug = headingSlug(heading[1]);
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	return anchors;
}

export function headingSlug(heading: string): string {
	return heading
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
		.trim()
		.replace(/\s/g, '-');
}
