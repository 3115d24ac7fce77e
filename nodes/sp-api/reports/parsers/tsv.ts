/**
 * Amazon's tab-separated flat files: a header row, one record per line, fields separated by tabs and
 * never quoted (a quote is an ordinary character), lines ending in LF or CRLF.
 */
import type { ReportRow } from '../types';
import { rowFromFields, uniqueHeader, type FlatParserOptions, type RowParser } from './types';

export class TsvParser implements RowParser {
	private carry = '';
	private line = 0;
	private header?: string[];
	/** Every column with '' (a line's object starts as a copy: faster than adding keys one by one). */
	private empty?: Record<string, string>;
	private toSkip: number;

	constructor(options: FlatParserOptions = {}) {
		this.toSkip = options.skipLines ?? 0;
	}

	push(text: string, out: ReportRow[]): void {
		const data = this.carry === '' ? text : this.carry + text;
		let start = 0;
		for (;;) {
			const newline = data.indexOf('\n', start);
			if (newline < 0) break;
			const end = newline > start && data.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
			this.handleLine(data.slice(start, end), out);
			start = newline + 1;
		}
		this.carry = start === 0 ? data : data.slice(start);
	}

	end(out: ReportRow[]): void {
		if (this.carry !== '') {
			const last = this.carry.endsWith('\r') ? this.carry.slice(0, -1) : this.carry;
			this.carry = '';
			this.handleLine(last, out);
		}
	}

	private handleLine(text: string, out: ReportRow[]): void {
		this.line += 1;
		if (this.toSkip > 0) {
			this.toSkip -= 1;
			return;
		}
		if (text === '') return;
		const fields = text.split('\t');
		const header = this.header;
		if (!header) {
			this.header = uniqueHeader(fields);
			this.empty = Object.fromEntries(this.header.map((name) => [name, '']));
			return;
		}
		if (fields.length > header.length) {
			out.push(rowFromFields(header, fields, this.line, () => text));
			return;
		}
		// the hot path of large reports: one object per line, missing trailing fields stay ''
		const values = { ...this.empty! };
		const count = fields.length;
		for (let i = 0; i < count; i++) values[header[i]] = fields[i];
		out.push({ line: this.line, values });
	}
}
