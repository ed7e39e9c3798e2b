export interface Secret {
	label: string;
	value: string;
}

/** Where each secret occurs in a file's bytes (text, JSON escapes aside, or a database page). */
export function findSecrets(
	content: Buffer,
	secrets: Secret[],
): Array<{ label: string; offset: number }> {
	const hits: Array<{ label: string; offset: number }> = [];
	for (const secret of secrets) {
		if (secret.value.length < 8) continue; // too short to tell from ordinary text
		for (
			let offset = content.indexOf(secret.value);
			offset !== -1;
			offset = content.indexOf(secret.value, offset + 1)
		) {
			hits.push({ label: secret.label, offset });
		}
	}
	return hits;
}
