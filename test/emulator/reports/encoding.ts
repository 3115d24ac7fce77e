/**
 * The emulator's own text encoders for report documents: UTF-8, windows-1252 (Amazon's "Cp1252") and
 * windows-31j (cp932, Amazon Japan). Independent of ACORN's decoders: windows-1252 comes from its
 * published table, windows-31j is built by enumerating every cp932 byte pair once.
 */
import { TextDecoder } from 'node:util';
import { findMarketplace } from '../../../nodes/sp-api/marketplaces';

export type DocumentCharset = 'UTF-8' | 'Cp1252' | 'windows-31j';

/** windows-1252 bytes 0x80–0x9F (the rest of 0xA0–0xFF equals Latin-1). */
const CP1252_HIGH: Record<number, number> = {
	0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88,
	0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93,
	0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
	0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

const QUESTION_MARK = 0x3f;

function encodeCp1252(text: string): Buffer {
	// eslint-disable-next-line no-control-regex
	if (!/[^\x00-\x7f]/.test(text)) return Buffer.from(text, 'latin1');
	const out = Buffer.allocUnsafe(text.length);
	let length = 0;
	for (const char of text) {
		const code = char.codePointAt(0)!;
		if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out[length++] = code;
		else out[length++] = CP1252_HIGH[code] ?? QUESTION_MARK;
	}
	return out.subarray(0, length);
}

let cp932Table: Map<number, number> | undefined;

/** Unicode code point → cp932 bytes (one byte, or lead << 8 | trail), first encoding wins. */
function cp932(): Map<number, number> {
	if (cp932Table) return cp932Table;
	const table = new Map<number, number>();
	const decoder = new TextDecoder('shift_jis', { fatal: true });
	for (let byte = 0xa1; byte <= 0xdf; byte++) table.set(decoder.decode(Buffer.from([byte])).codePointAt(0)!, byte);
	const leads = [...range(0x81, 0x9f), ...range(0xe0, 0xfc)];
	const trails = [...range(0x40, 0x7e), ...range(0x80, 0xfc)];
	for (const lead of leads) {
		for (const trail of trails) {
			let char: string;
			try {
				char = decoder.decode(Buffer.from([lead, trail]));
			} catch {
				continue;
			}
			const code = char.codePointAt(0)!;
			if (char.length === 1 && !table.has(code)) table.set(code, (lead << 8) | trail);
		}
	}
	cp932Table = table;
	return table;
}

function* range(from: number, to: number): Generator<number> {
	for (let i = from; i <= to; i++) yield i;
}

function encodeCp932(text: string): Buffer {
	// eslint-disable-next-line no-control-regex
	if (!/[^\x00-\x7f]/.test(text)) return Buffer.from(text, 'latin1');
	const table = cp932();
	const out = Buffer.allocUnsafe(text.length * 2);
	let length = 0;
	for (const char of text) {
		const code = char.codePointAt(0)!;
		if (code < 0x80) {
			out[length++] = code;
			continue;
		}
		const bytes = table.get(code);
		if (bytes === undefined) out[length++] = QUESTION_MARK;
		else if (bytes > 0xff) {
			out[length++] = bytes >> 8;
			out[length++] = bytes & 0xff;
		} else out[length++] = bytes;
	}
	return out.subarray(0, length);
}

export function encodeText(text: string, charset: DocumentCharset): Buffer {
	switch (charset) {
		case 'UTF-8':
			return Buffer.from(text, 'utf8');
		case 'Cp1252':
			return encodeCp1252(text);
		case 'windows-31j':
			return encodeCp932(text);
	}
}

/** The charset of a flat file for a marketplace (id or country code): windows-31j in Japan, Cp1252 in Europe, else UTF-8. */
export function documentCharsetFor(marketplaceId: string | undefined): DocumentCharset {
	const marketplace = findMarketplace(marketplaceId ?? '');
	if (marketplace?.countryCode === 'JP') return 'windows-31j';
	if (marketplace?.region === 'EU' && marketplace.reportCharset === 'windows-1252') return 'Cp1252';
	return 'UTF-8';
}
