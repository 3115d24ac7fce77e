/**
 * A small streaming XML reader that turns repeated "record" elements into JSON rows, so a large XML
 * report never has to be held in memory as a whole. It understands what Amazon's reports use: the
 * XML declaration, elements, attributes, text, CDATA, comments, DOCTYPE and the predefined and numeric
 * entities. Broken structure (a closing tag that does not match, a document that ends inside an
 * element) stops with an error naming the line, because later records could not be trusted.
 *
 * JSON shape of an element: text only → the text; otherwise an object with attributes as `@name`,
 * children by name (an array when the name repeats, or always for names listed in `arrays`) and
 * non-blank text as `#text`.
 */
import { ReportError } from '../errors';
import type { ReportRow } from '../types';
import type { RowParser } from './types';
import { tr } from '../../i18n/translate';

export interface XmlParserOptions {
	/**
	 * Which elements become rows: a path from the root with `*` for any name (e.g.
	 * `['AmazonEnvelope', 'Message', 'SettlementReport', '*']`), or a bare element name matched at any
	 * depth. Default: the children of each `Message` in an AmazonEnvelope, else the children of the root.
	 */
	recordPath?: readonly string[];
	recordElement?: string;
	/** Element names whose values are always arrays, even when they occur once. */
	arrays?: readonly string[];
}

interface OpenElement {
	name: string;
	/** Set only inside a record. */
	node?: XmlNode;
}

interface XmlNode {
	name: string;
	attributes?: Record<string, string>;
	children?: Map<string, unknown[]>;
	text: string;
	line: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name: string) => {
		if (name[0] === '#') {
			const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
			return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		}
		return ENTITIES[name] ?? whole;
	});
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

export class XmlParser implements RowParser {
	private buffer = '';
	private line = 1;
	private readonly stack: OpenElement[] = [];
	private readonly arrays: ReadonlySet<string>;
	private sawRoot = false;
	private recordDepth = -1;

	constructor(private readonly options: XmlParserOptions = {}) {
		this.arrays = new Set(options.arrays ?? []);
	}

	push(text: string, out: ReportRow[]): void {
		this.buffer = this.buffer === '' ? text : this.buffer + text;
		this.consume(out, false);
	}

	end(out: ReportRow[]): void {
		this.consume(out, true);
		if (this.buffer.trim() !== '') throw this.error(tr`the document ends inside markup ("${this.buffer.trim().slice(0, 40)}")`);
		if (this.stack.length > 0) {
			throw this.error(tr`the document ends before <${this.stack[this.stack.length - 1].name}> is closed`);
		}
		if (!this.sawRoot) throw this.error(tr`the document contains no XML element`);
	}

	private error(what: string): ReportError {
		return new ReportError({
			kind: 'parse',
			line: this.line,
			message: tr`The XML report is malformed at line ${this.line}: ${what}.`,
			hint: tr`The file is not well-formed XML. Download it as a file (binary output) to inspect it, or ask Amazon support about the report.`,
		});
	}

	/** Index of the next line feed in the text being consumed (-1: none left). */
	private nextNewline = -1;

	/** Counts the line feeds before `to`; positions only move forward within one consume call. */
	private countLines(text: string, to: number): void {
		while (this.nextNewline >= 0 && this.nextNewline < to) {
			this.line += 1;
			this.nextNewline = text.indexOf('\n', this.nextNewline + 1);
		}
	}

	private consume(out: ReportRow[], final: boolean): void {
		const text = this.buffer;
		let position = 0;
		this.nextNewline = text.indexOf('\n');
		while (position < text.length) {
			const lt = text.indexOf('<', position);
			if (lt < 0) {
				if (final) {
					this.addText(text.slice(position));
					this.countLines(text, text.length);
					position = text.length;
				}
				break;
			}
			if (lt > position) {
				this.addText(text.slice(position, lt));
				this.countLines(text, lt);
				position = lt;
			}
			const consumed = this.markup(text, lt, out);
			if (consumed < 0) break;
			this.countLines(text, consumed);
			position = consumed;
		}
		this.buffer = position >= text.length ? '' : text.slice(position);
	}

	/** Handles the markup starting at `at`; returns where it ends, or -1 when more text is needed. */
	private markup(text: string, at: number, out: ReportRow[]): number {
		if (text.startsWith('<!--', at)) {
			const end = text.indexOf('-->', at + 4);
			return end < 0 ? -1 : end + 3;
		}
		if (text.startsWith('<![CDATA[', at)) {
			const end = text.indexOf(']]>', at + 9);
			if (end < 0) return -1;
			this.addText(text.slice(at + 9, end), true);
			return end + 3;
		}
		if (text.startsWith('<?', at)) {
			const end = text.indexOf('?>', at + 2);
			return end < 0 ? -1 : end + 2;
		}
		if (text.startsWith('<!', at)) {
			if (at + 2 >= text.length) return -1;
			const end = text.indexOf('>', at + 2);
			return end < 0 ? -1 : end + 1;
		}
		const end = tagEnd(text, at + 1);
		if (end < 0) return -1;
		const inner = text.slice(at + 1, end);
		if (inner.startsWith('/')) this.close(inner.slice(1).trim(), out);
		else {
			const selfClosing = inner.endsWith('/');
			const body = selfClosing ? inner.slice(0, -1) : inner;
			const nameEnd = body.search(/[\s]/);
			const name = nameEnd < 0 ? body : body.slice(0, nameEnd);
			if (name === '') throw this.error(tr`an element has no name`);
			this.open(name, nameEnd < 0 ? '' : body.slice(nameEnd));
			if (selfClosing) this.close(name, out);
		}
		return end + 1;
	}

	private isRecord(name: string, depth: number): boolean {
		const { recordElement, recordPath } = this.options;
		if (recordElement) return name === recordElement;
		const path = recordPath ?? this.defaultPath();
		if (depth !== path.length - 1) return false;
		for (let i = 0; i < depth; i++) if (path[i] !== '*' && path[i] !== this.stack[i].name) return false;
		return path[depth] === '*' || path[depth] === name;
	}

	private defaultPath(): readonly string[] {
		const root = this.stack[0]?.name;
		return root === 'AmazonEnvelope' ? ['AmazonEnvelope', 'Message', '*'] : [root ?? '*', '*'];
	}

	private open(name: string, attributeText: string): void {
		const depth = this.stack.length;
		if (depth === 0) {
			if (this.sawRoot) throw this.error(tr`a second root element <${name}> follows the first`);
			this.sawRoot = true;
		}
		const inRecord = this.recordDepth >= 0;
		if (inRecord || this.isRecord(name, depth)) {
			if (!inRecord) this.recordDepth = depth;
			const node: XmlNode = { name, text: '', line: this.line };
			const attributes = parseAttributes(attributeText);
			if (attributes) node.attributes = attributes;
			this.stack.push({ name, node });
			return;
		}
		this.stack.push({ name });
	}

	private close(name: string, out: ReportRow[]): void {
		const top = this.stack.pop();
		if (!top) throw this.error(tr`</${name}> closes an element that was never opened`);
		if (top.name !== name) throw this.error(tr`</${name}> does not match <${top.name}>`);
		if (!top.node) return;
		const value = this.finalize(top.node);
		if (this.stack.length === this.recordDepth) {
			this.recordDepth = -1;
			const values = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : { '#text': value };
			out.push({ line: top.node.line, element: name, values });
			return;
		}
		const parent = this.stack[this.stack.length - 1].node!;
		parent.children ??= new Map();
		const list = parent.children.get(name);
		if (list) list.push(value);
		else parent.children.set(name, [value]);
	}

	private addText(raw: string, cdata = false): void {
		const top = this.stack[this.stack.length - 1];
		if (!top?.node) {
			if (!cdata && raw.trim() !== '' && this.stack.length === 0) throw this.error(tr`there is text outside the root element`);
			return;
		}
		top.node.text += cdata ? raw : decodeEntities(raw);
	}

	private finalize(node: XmlNode): unknown {
		if (!node.attributes && !node.children) return node.text.trim();
		const out: Record<string, unknown> = {};
		if (node.attributes) for (const [key, value] of Object.entries(node.attributes)) out[`@${key}`] = value;
		if (node.children) {
			for (const [name, values] of node.children) out[name] = values.length === 1 && !this.arrays.has(name) ? values[0] : values;
		}
		const text = node.text.trim();
		if (text !== '') out['#text'] = text;
		return out;
	}
}

/** Index of the `>` that ends a tag starting after `<` at `from`, skipping quoted attribute values. */
function tagEnd(text: string, from: number): number {
	let quote = '';
	for (let i = from; i < text.length; i++) {
		const ch = text[i];
		if (quote) {
			if (ch === quote) quote = '';
		} else if (ch === '"' || ch === "'") quote = ch;
		else if (ch === '>') return i;
	}
	return -1;
}

function parseAttributes(text: string): Record<string, string> | undefined {
	if (text.trim() === '') return undefined;
	const attributes: Record<string, string> = {};
	ATTRIBUTE.lastIndex = 0;
	for (let match = ATTRIBUTE.exec(text); match; match = ATTRIBUTE.exec(text)) {
		attributes[match[1]] = decodeEntities(match[3] ?? match[4] ?? '');
	}
	return attributes;
}

