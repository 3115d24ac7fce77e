import { TextDecoder } from 'node:util';
import { charsetFromContentType, defaultCharsetFor, ReportTextDecoder, resolveCharset } from '../../../nodes/sp-api/reports';
import { findMarketplace } from '../../../nodes/sp-api/marketplaces';

/** „Lagerfeuer“ ”€ – in windows-1252: the bytes Node 20's non-streaming decoder gets wrong. */
const CP1252 = Buffer.from([0x84, 0x4c, 0x61, 0x67, 0x65, 0x72, 0x66, 0x65, 0x75, 0x65, 0x72, 0x93, 0x20, 0x94, 0x80, 0x20, 0x96, 0x20, 0xdf, 0xe9]);
const CP1252_TEXT = '„Lagerfeuer“ ”€ – ßé';
/** 日本語 ① ～ in windows-31j (cp932); ① and ～ (U+FF5E) are cp932 extensions. */
const CP932 = Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x20, 0x87, 0x40, 0x20, 0x81, 0x60]);
const CP932_TEXT = '日本語 ① ～';

function decodeAll(decoder: ReportTextDecoder, chunks: Buffer[]): string {
	return chunks.map((chunk) => decoder.write(chunk)).join('') + decoder.end();
}

function bytesOneByOne(buffer: Buffer): Buffer[] {
	return [...buffer].map((byte) => Buffer.from([byte]));
}

describe('report charsets', () => {
	it('reads charset labels Amazon sends in Content-Type', () => {
		expect(charsetFromContentType('text/plain;charset=Cp1252')).toBe('Cp1252');
		expect(charsetFromContentType('text/plain; charset="windows-31j"')).toBe('windows-31j');
		expect(charsetFromContentType('text/plain')).toBeUndefined();
		expect(resolveCharset('Cp1252').name).toBe('windows-1252');
		expect(resolveCharset('ISO-8859-1').name).toBe('windows-1252');
		expect(resolveCharset('utf8').name).toBe('utf-8');
		expect(resolveCharset('windows-31j')).toEqual({ decoderLabel: 'shift_jis', name: 'windows-31j' });
		expect(() => resolveCharset('x-unknown-charset')).toThrow(/cannot decode/);
	});

	it('windows-1252 from the header: „ “ ” € – come out right, also byte by byte (Node 20 bug avoided)', () => {
		expect(decodeAll(new ReportTextDecoder({ declared: 'Cp1252', fallback: 'utf-8' }), [CP1252])).toBe(CP1252_TEXT);
		expect(decodeAll(new ReportTextDecoder({ declared: 'Cp1252', fallback: 'utf-8' }), bytesOneByOne(CP1252))).toBe(CP1252_TEXT);
	});

	it('the Node 20 bug this code avoids is real here (non-streaming decode maps 0x80–0x9F as Latin-1)', () => {
		const plain = new TextDecoder('windows-1252').decode(CP1252);
		const streamed = new TextDecoder('windows-1252').decode(CP1252, { stream: true });
		expect(streamed).toBe(CP1252_TEXT);
		// On Node versions with the bug the two differ; either way ACORN uses the streaming form.
		if (plain !== CP1252_TEXT) expect(plain.charCodeAt(0)).toBe(0x84);
	});

	it('without a charset: valid UTF-8 is read as UTF-8, anything else with the marketplace default', () => {
		const utf8 = new ReportTextDecoder({ fallback: 'windows-1252' });
		expect(decodeAll(utf8, bytesOneByOne(Buffer.from('sku\tname\nA\tGröße „L“ 日本語\n')))).toBe('sku\tname\nA\tGröße „L“ 日本語\n');
		expect([utf8.charset, utf8.source]).toEqual(['utf-8', 'utf8-detected']);

		const eu = new ReportTextDecoder({ fallback: defaultCharsetFor(findMarketplace('DE'), 'EU') });
		expect(decodeAll(eu, [Buffer.from('header\n'), CP1252])).toBe(`header\n${CP1252_TEXT}`);
		expect([eu.charset, eu.source]).toEqual(['windows-1252', 'marketplace-default']);

		const jp = new ReportTextDecoder({ fallback: defaultCharsetFor(findMarketplace('JP'), 'FE') });
		expect(decodeAll(jp, bytesOneByOne(CP932))).toBe(CP932_TEXT);
		expect(jp.charset).toBe('windows-31j');

		const ascii = new ReportTextDecoder({ fallback: 'windows-1252' });
		expect(decodeAll(ascii, [Buffer.from('a\tb\n1\t2\n')])).toBe('a\tb\n1\t2\n');
		expect(ascii.source).toBe('ascii-only');
	});

	it('decides on a window after the first non-ASCII byte, so a long ASCII start does not fool it', () => {
		const start = Buffer.from('x'.repeat(200_000));
		const decoder = new ReportTextDecoder({ fallback: 'windows-1252' });
		const text = decodeAll(decoder, [start, CP1252, Buffer.from('y'.repeat(100_000))]);
		expect(text).toBe(`${'x'.repeat(200_000)}${CP1252_TEXT}${'y'.repeat(100_000)}`);
		expect(decoder.charset).toBe('windows-1252');
	});

	it('a UTF-8 BOM is dropped; an override wins over the header; bad bytes are counted', () => {
		expect(decodeAll(new ReportTextDecoder({ fallback: 'windows-1252' }), [Buffer.from([0xef, 0xbb, 0xbf, 0x61])])).toBe('a');
		const forced = new ReportTextDecoder({ declared: 'UTF-8', override: 'windows-31j', fallback: 'utf-8' });
		expect(decodeAll(forced, [CP932])).toBe(CP932_TEXT);
		expect(forced.source).toBe('override');
		const broken = new ReportTextDecoder({ declared: 'UTF-8', fallback: 'utf-8' });
		expect(decodeAll(broken, [Buffer.from([0x61, 0xff, 0x62])])).toBe('a\uFFFDb');
		expect(broken.replacements).toBe(1);
	});

	it('marketplace defaults follow marketplaces.ts; without a marketplace the region decides', () => {
		expect(defaultCharsetFor(findMarketplace('US'), 'NA')).toBe('windows-1252');
		expect(defaultCharsetFor(findMarketplace('JP'), 'FE')).toBe('windows-31j');
		expect(defaultCharsetFor(findMarketplace('AU'), 'FE')).toBe('utf-8');
		expect(defaultCharsetFor(undefined, 'FE')).toBe('windows-31j');
		expect(defaultCharsetFor(undefined, 'EU')).toBe('windows-1252');
	});
});
