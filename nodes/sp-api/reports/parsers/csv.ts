/**
 * Comma-separated files as RFC 4180 writes them: fields may be quoted, quotes inside are doubled, and a
 * quoted field may span lines. A row's line is the line where its record starts. A stray quote in an
 * unquoted field is kept as text and the row flagged; a quote left open at the end of the file flags
 * the last row.
 */
import type { ReportRow } from '../types';
import { rowFromFields, uniqueHeader, type FlatParserOptions, type RowParser } from './types';
import { tr } from '../../i18n/translate';

export class CsvParser implements RowParser {
	private carry = '';
	/** Physical lines consumed so far. */
	private line = 0;
	private header?: string[];
	private toSkip: number;
	// state of a record that continues over a chunk boundary
	private fields: string[] = [];
	private field = '';
	private inQuotes = false;
	private fieldWasQuoted = false;
	private recordLine = 0;
	private recordRaw = '';
	private problem?: string;

	constructor(
		options: FlatParserOptions & { delimiter?: string } = {},
		private readonly delimiter = options.delimiter ?? ',',
	) {
		this.toSkip = options.skipLines ?? 0;
	}

	push(text: string, out: ReportRow[]): void {
		const data = this.carry + text;
		this.carry = '';
		let start = 0;
		for (;;) {
			const newline = data.indexOf('\n', start);
			if (newline < 0) break;
			this.consumeLine(data.slice(start, newline), out);
			start = newline + 1;
		}
		this.carry = data.slice(start);
	}

	end(out: ReportRow[]): void {
		if (this.carry !== '') {
			const last = this.carry;
			this.carry = '';
			this.consumeLine(last, out);
		}
		if (this.inQuotes) {
			this.problem = tr`a quoted field opened on line ${this.recordLine} is not closed before the end of the file`;
			this.inQuotes = false;
			this.finishRecord(out);
		}
	}

	/** One physical line (without its LF); continues a quoted field from the previous line if open. */
	private consumeLine(rawLine: string, out: ReportRow[]): void {
		this.line += 1;
		// a CR before the LF ends the line, unless it is inside a quoted field (scan decides)
		const text = rawLine;
		if (!this.inQuotes) {
			if (this.toSkip > 0) {
				this.toSkip -= 1;
				return;
			}
			const stripped = text.endsWith('\r') ? text.slice(0, -1) : text;
			if (stripped === '') return;
			this.recordLine = this.line;
			this.recordRaw = stripped;
			if (!stripped.includes('"')) {
				// fast path: nothing quoted on this line
				this.fields = stripped.split(this.delimiter);
				this.finishRecord(out, true);
				return;
			}
		} else {
			this.recordRaw += `\n${text}`;
			this.field += '\n';
		}
		this.scan(text, out);
	}

	private scan(text: string, out: ReportRow[]): void {
		const delimiter = this.delimiter;
		let i = 0;
		const length = text.length;
		while (i < length) {
			const ch = text[i];
			if (this.inQuotes) {
				if (ch === '"') {
					if (text[i + 1] === '"') {
						this.field += '"';
						i += 2;
						continue;
					}
					this.inQuotes = false;
					i += 1;
					continue;
				}
				const nextQuote = text.indexOf('"', i);
				const stop = nextQuote < 0 ? length : nextQuote;
				this.field += text.slice(i, stop);
				i = stop;
				continue;
			}
			if (ch === delimiter) {
				this.fields.push(this.field);
				this.field = '';
				this.fieldWasQuoted = false;
				i += 1;
				continue;
			}
			if (ch === '"') {
				if (this.field === '' && !this.fieldWasQuoted) {
					this.inQuotes = true;
					this.fieldWasQuoted = true;
				} else {
					this.problem ??= tr`line ${this.line} has a quote inside an unquoted field`;
					this.field += '"';
				}
				i += 1;
				continue;
			}
			if (ch === '\r' && i === length - 1) {
				i += 1;
				continue;
			}
			this.field += ch;
			i += 1;
		}
		if (!this.inQuotes) {
			this.fields.push(this.field);
			this.field = '';
			this.fieldWasQuoted = false;
			this.finishRecord(out);
		}
	}

	private finishRecord(out: ReportRow[], fieldsReady = false): void {
		if (!fieldsReady && this.inQuotes) return;
		const fields = this.fields;
		if (!fieldsReady && this.field !== '') fields.push(this.field);
		this.fields = [];
		this.field = '';
		this.fieldWasQuoted = false;
		const problem = this.problem;
		this.problem = undefined;
		if (!this.header) {
			this.header = uniqueHeader(fields);
			return;
		}
		const raw = this.recordRaw;
		const row = rowFromFields(this.header, fields, this.recordLine, () => raw);
		if (problem && !row.problem) {
			row.problem = problem;
			row.raw = raw;
		}
		out.push(row);
	}
}
