/** Parses CSV the way a spreadsheet does (quotes, doubled quotes, CRLF or LF line ends). */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	const endRow = () => {
		row.push(cell);
		rows.push(row);
		row = [];
		cell = '';
	};
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
			else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') row.push(cell), (cell = '');
		else if (ch === '\r' && text[i + 1] === '\n') endRow(), i++;
		else if (ch === '\n') endRow();
		else cell += ch;
	}
	if (cell || row.length) rows.push([...row, cell]);
	return rows;
}
