/** Reading markdown the way GitHub renders it: prose outside code fences, headings and their anchors. */

/** Lines outside fenced code blocks (headings and links inside code are not structure). */
export function proseLines(markdown: string): string[] {
	const lines: string[] = [];
	let inFence = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*```/.test(line)) {
			inFence = !inFence;
			continue;
		}
		if (!inFence) lines.push(line);
	}
	return lines;
}

/** The texts of the headings of one level (`## ` = 2). */
export function headings(markdown: string, level: number): string[] {
	const prefix = '#'.repeat(level) + ' ';
	return proseLines(markdown)
		.filter((line) => line.startsWith(prefix))
		.map((line) => line.slice(prefix.length).trim());
}

/** GitHub's heading anchors: inline markup dropped, lower case, punctuation removed, spaces → hyphens. */
export function anchorOf(heading: string): string {
	const text = heading
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[`*]/g, '');
	return text
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
		.replace(/ /g, '-');
}

/** Every anchor of a document; a repeated heading gets -1, -2, … like on GitHub. */
export function anchorsOf(markdown: string): Set<string> {
	const seen = new Map<string, number>();
	const anchors = new Set<string>();
	for (const line of proseLines(markdown)) {
		const match = /^(#{1,6}) (.+)$/.exec(line);
		if (!match) continue;
		const base = anchorOf(match[2]);
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		anchors.add(count === 0 ? base : `${base}-${count}`);
	}
	return anchors;
}

/** The rows of the first table after a heading: one array of trimmed cells per row, header and rule left out. */
export function tableAfter(markdown: string, heading: string): string[][] {
	const lines = proseLines(markdown);
	const start = lines.findIndex((line) => /^#{1,6} /.test(line) && line.replace(/^#{1,6} /, '').trim() === heading);
	if (start < 0) throw new Error(`no heading "${heading}"`);
	const rows: string[][] = [];
	for (const line of lines.slice(start + 1)) {
		if (/^#{1,6} /.test(line)) break;
		if (!line.startsWith('|')) {
			if (rows.length > 0) break;
			continue;
		}
		rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
	}
	return rows.slice(2);
}
