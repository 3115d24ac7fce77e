/**
 * JSON reports without holding the whole document: a scanner finds where each record starts and ends
 * and only that slice goes to JSON.parse. Records are the elements of a top-level array, or, for a
 * top-level object (Amazon's JSON reports such as GET_SALES_AND_TRAFFIC_REPORT), the elements of each
 * array property (`section` names the property) and each other property as one row.
 * JSON Lines: one record per line; a line that is not JSON becomes a flagged row.
 */
import { ReportError } from '../errors';
import type { ReportRow } from '../types';
import type { RowParser } from './types';
import { tr } from '../../i18n/translate';

type Top = 'unknown' | 'array' | 'object' | 'scalar' | 'done';
type ObjectState = 'key' | 'colon' | 'value' | 'comma';
type RecordKind = 'container' | 'string' | 'literal';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

function isWhitespace(code: number): boolean {
	return code === 32 || code === 10 || code === 13 || code === 9;
}

export class JsonParser implements RowParser {
	private buffer = '';
	private scanned = 0;
	private line = 1;
	private top: Top = 'unknown';
	private objectState: ObjectState = 'key';
	/** Inside the array value of a top-level property. */
	private inSection = false;
	private section?: string;
	private depth = 0;
	private inString = false;
	private escaped = false;
	private keyStart = -1;
	private record?: { start: number; line: number; depth: number; kind: RecordKind; section?: string };

	push(text: string, out: ReportRow[]): void {
		this.buffer += text;
		this.scan(out);
		this.compact();
	}

	end(out: ReportRow[]): void {
		this.scan(out);
		if (this.record?.kind === 'literal') this.emit(this.buffer.length, out);
		if (this.top === 'unknown') throw this.error(tr`the document is empty`);
		if (this.record || this.inString || (this.top !== 'done' && this.top !== 'scalar') || this.depth !== 0) {
			throw this.error(tr`the document ends before its last value is complete`);
		}
	}

	private error(what: string): ReportError {
		return new ReportError({
			kind: 'parse',
			line: this.line,
			message: tr`The JSON report is malformed at line ${this.line}: ${what}.`,
			hint: tr`The file is not valid JSON. Download it as a file (binary output) to inspect it.`,
		});
	}

	/** Keeps only the open record (or key) in memory. */
	private compact(): void {
		const keep = this.record ? this.record.start : this.keyStart >= 0 ? this.keyStart : this.scanned;
		if (keep <= 0) return;
		this.buffer = this.buffer.slice(keep);
		this.scanned -= keep;
		if (this.record) this.record.start -= keep;
		if (this.keyStart >= 0) this.keyStart -= keep;
	}

	private startRecord(at: number, code: number, section: string | undefined): void {
		const kind: RecordKind = code === OPEN_BRACE || code === OPEN_BRACKET ? 'container' : code === QUOTE ? 'string' : 'literal';
		this.record = { start: at, line: this.line, depth: this.depth, kind, section };
	}

	private scan(out: ReportRow[]): void {
		const text = this.buffer;
		for (let i = this.scanned; i < text.length; i++) {
			const code = text.charCodeAt(i);
			if (this.inString) {
				if (code === 10) this.line += 1;
				if (this.escaped) this.escaped = false;
				else if (code === BACKSLASH) this.escaped = true;
				else if (code === QUOTE) {
					this.inString = false;
					if (this.keyStart >= 0) {
						this.section = JSON.parse(text.slice(this.keyStart, i + 1)) as string;
						this.keyStart = -1;
						this.objectState = 'colon';
					} else if (this.record?.kind === 'string' && this.depth === this.record.depth) this.emit(i + 1, out);
				}
				continue;
			}
			if (this.record?.kind === 'literal' && (isWhitespace(code) || code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET)) {
				this.emit(i, out);
			}
			if (code === 10) this.line += 1;
			if (isWhitespace(code)) continue;
			if (this.record) {
				if (code === QUOTE) this.inString = true;
				else if (code === OPEN_BRACE || code === OPEN_BRACKET) this.depth += 1;
				else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
					this.depth -= 1;
					if (this.depth === this.record.depth) this.emit(i + 1, out);
				}
				continue;
			}
			this.structural(code, i);
		}
		this.scanned = text.length;
	}

	/** A character outside any record: the document's outer structure. */
	private structural(code: number, at: number): void {
		switch (this.top) {
			case 'unknown':
				if (code === OPEN_BRACKET) {
					this.top = 'array';
					this.depth = 1;
				} else if (code === OPEN_BRACE) {
					this.top = 'object';
					this.depth = 1;
					this.objectState = 'key';
				} else {
					this.top = 'scalar';
					this.startRecord(at, code, undefined);
					if (code === QUOTE) this.inString = true;
				}
				return;
			case 'array':
				if (code === COMMA) return;
				if (code === CLOSE_BRACKET) {
					this.depth = 0;
					this.top = 'done';
					return;
				}
				return this.begin(code, at, undefined);
			case 'object':
				if (this.inSection) {
					if (code === COMMA) return;
					if (code === CLOSE_BRACKET) {
						this.inSection = false;
						this.depth = 1;
						this.objectState = 'comma';
						return;
					}
					return this.begin(code, at, this.section);
				}
				return this.objectCharacter(code, at);
			default:
				throw this.error(tr`there is more text after the end of the document`);
		}
	}

	private objectCharacter(code: number, at: number): void {
		if (this.objectState === 'key') {
			if (code === QUOTE) {
				this.keyStart = at;
				this.inString = true;
				return;
			}
			if (code === CLOSE_BRACE) return this.closeObject();
		} else if (this.objectState === 'colon') {
			if (code === COLON) {
				this.objectState = 'value';
				return;
			}
		} else if (this.objectState === 'value') {
			this.objectState = 'comma';
			if (code === OPEN_BRACKET) {
				this.inSection = true;
				this.depth = 2;
				return;
			}
			return this.begin(code, at, this.section);
		} else if (this.objectState === 'comma') {
			if (code === COMMA) {
				this.objectState = 'key';
				return;
			}
			if (code === CLOSE_BRACE) return this.closeObject();
		}
		throw this.error(`unexpected "${String.fromCharCode(code)}"`);
	}

	private closeObject(): void {
		this.depth = 0;
		this.top = 'done';
	}

	private begin(code: number, at: number, section: string | undefined): void {
		if (code === CLOSE_BRACE || code === CLOSE_BRACKET || code === COLON) throw this.error(`unexpected "${String.fromCharCode(code)}"`);
		this.startRecord(at, code, section);
		if (code === QUOTE) this.inString = true;
		else if (code === OPEN_BRACE || code === OPEN_BRACKET) this.depth += 1;
	}

	private emit(end: number, out: ReportRow[]): void {
		const record = this.record!;
		this.record = undefined;
		const slice = this.buffer.slice(record.start, end);
		let value: unknown;
		try {
			value = JSON.parse(slice);
		} catch (error) {
			out.push(withSection({ line: record.line, values: {}, problem: `line ${record.line}: ${(error as Error).message}`, raw: slice.slice(0, 2000) }, record.section));
			return;
		}
		const values = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
		out.push(withSection({ line: record.line, values }, record.section));
	}
}

function withSection(row: ReportRow, section: string | undefined): ReportRow {
	if (section !== undefined) row.section = section;
	return row;
}

export class JsonLinesParser implements RowParser {
	private carry = '';
	private line = 0;

	push(text: string, out: ReportRow[]): void {
		const data = this.carry + text;
		let start = 0;
		for (;;) {
			const newline = data.indexOf('\n', start);
			if (newline < 0) break;
			this.handle(data.slice(start, newline), out);
			start = newline + 1;
		}
		this.carry = data.slice(start);
	}

	end(out: ReportRow[]): void {
		if (this.carry !== '') this.handle(this.carry, out);
		this.carry = '';
	}

	private handle(raw: string, out: ReportRow[]): void {
		this.line += 1;
		const text = raw.trim();
		if (text === '') return;
		try {
			const value = JSON.parse(text) as unknown;
			const values = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
			out.push({ line: this.line, values });
		} catch (error) {
			out.push({ line: this.line, values: {}, problem: `line ${this.line}: ${(error as Error).message}`, raw: text.slice(0, 2000) });
		}
	}
}
