/**
 * Charset handling for report documents (sp-api-facts.md, "Charsets"): the charset named in
 * Content-Type wins; without one, UTF-8 when the text is valid UTF-8, otherwise the marketplace's
 * default (windows-1252 for NA/EU flat files, windows-31j for Japan).
 *
 * Node 20 (nodejs/node#60888) decodes bytes 0x80–0x9F as Latin-1 when `TextDecoder('windows-1252')`
 * is called without `{stream: true}`, so „ “ ” € – would become control characters. Every decode here
 * passes `{stream: true}` and flushes with a final `decode()`, which takes the correct code path.
 */
import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { Marketplace, ReportCharset } from '../marketplaces';
import type { SpApiRegion } from '../regions';
import { ReportError } from './errors';
import type { CharsetSource } from './types';
import { tr } from '../i18n/translate';

/** The WHATWG decoder name and the name ACORN reports for a charset label Amazon may send. */
export interface CharsetInfo {
	decoderLabel: string;
	name: string;
}

const ALIASES: Record<string, CharsetInfo> = {};
const define = (info: CharsetInfo, ...labels: string[]) => labels.forEach((label) => (ALIASES[label] = info));
define({ decoderLabel: 'utf-8', name: 'utf-8' }, 'utf-8', 'utf8', 'unicode-1-1-utf-8');
// Cp1252 is Java's name for windows-1252; ISO-8859-1 and ASCII labels are decoded as its superset,
// as browsers do, because Amazon's "ISO-8859-1" files do contain € and curly quotes.
define({ decoderLabel: 'windows-1252', name: 'windows-1252' }, 'windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii');
// windows-31j is Microsoft's Shift_JIS (cp932); the WHATWG shift_jis decoder includes its extensions.
define({ decoderLabel: 'shift_jis', name: 'windows-31j' }, 'windows-31j', 'cp932', 'ms932', 'ms_kanji', 'shift_jis', 'shift-jis', 'sjis', 'x-sjis', 'csshiftjis');

/** Maps a label (from a header or a user option) to a decoder; unknown labels are an error. */
export function resolveCharset(label: string): CharsetInfo {
	const key = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
	const known = ALIASES[key];
	if (known) return known;
	try {
		const decoder = new TextDecoder(key);
		return { decoderLabel: key, name: decoder.encoding };
	} catch {
		throw new ReportError({
			kind: 'parse',
			message: tr`The report uses the character set "${label}", which ACORN cannot decode.`,
			hint: tr`Set the option "Character Set" to the one the file really uses (for example UTF-8, windows-1252 or windows-31j).`,
		});
	}
}

/** The `charset` parameter of a Content-Type header, if any. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
	if (!contentType) return undefined;
	const match = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
	return match ? match[2] : undefined;
}

const CHARSET_OF: Record<ReportCharset, string> = { 'utf-8': 'utf-8', 'windows-1252': 'windows-1252', 'windows-31j': 'windows-31j' };

/** The fallback when neither the header nor the bytes tell: the marketplace's, else the region's. */
export function defaultCharsetFor(marketplace: Marketplace | undefined, region: SpApiRegion | undefined): string {
	if (marketplace) return CHARSET_OF[marketplace.reportCharset];
	return region === 'FE' ? 'windows-31j' : 'windows-1252';
}

/** How many bytes after the first non-ASCII byte are checked before calling a file UTF-8. */
const SNIFF_WINDOW = 64 * 1024;

export interface DecoderOptions {
	/** From the Content-Type header. */
	declared?: string;
	/** Set by the user: wins over everything. */
	override?: string;
	/** Used when nothing is declared and the text is not valid UTF-8. */
	fallback: string;
}

/**
 * Turns the document's bytes into text chunk by chunk. Without a declared charset, ASCII is passed on
 * at once (it reads the same in all three charsets) and the decision is taken at the first non-ASCII
 * byte, on a window of up to 64 KB.
 */
export class ReportTextDecoder {
	private decoder?: TextDecoder;
	private pending: Buffer[] = [];
	private pendingBytes = 0;
	private charsetName?: string;
	private charsetSource?: CharsetSource;
	/** U+FFFD characters produced: bytes the chosen charset could not map. */
	replacements = 0;

	constructor(private readonly options: DecoderOptions) {
		const label = options.override ?? options.declared;
		if (label) this.choose(resolveCharset(label), options.override ? 'override' : 'header');
	}

	/** The charset in use ('utf-8', 'windows-1252', 'windows-31j', ...) once known. */
	get charset(): string | undefined {
		return this.charsetName;
	}

	get source(): CharsetSource | undefined {
		return this.charsetSource;
	}

	write(chunk: Buffer): string {
		if (this.decoder) {
			// ASCII reads the same in UTF-8 and windows-1252; Latin-1 is V8's fastest way to make the string
			if (this.asciiShortcut && isAscii(chunk)) return chunk.toString('latin1');
			const text = this.decode(chunk, true);
			if (this.charsetName === 'utf-8') this.asciiShortcut = endsWithCompleteUtf8(chunk);
			return text;
		}
		if (this.pending.length === 0 && isAscii(chunk)) return chunk.toString('latin1');
		this.pending.push(chunk);
		this.pendingBytes += chunk.length;
		if (this.pendingBytes < SNIFF_WINDOW) return '';
		return this.decideAndFlush(false);
	}

	end(): string {
		if (this.decoder) return this.decode(undefined, false);
		if (this.pending.length === 0) {
			// Nothing but ASCII: any of the candidates reads it the same.
			this.charsetName ??= 'utf-8';
			this.charsetSource ??= 'ascii-only';
			return '';
		}
		return this.decideAndFlush(true);
	}

	private choose(info: CharsetInfo, source: CharsetSource): void {
		this.decoder = new TextDecoder(info.decoderLabel);
		this.charsetName = info.name;
		this.charsetSource = source;
		this.asciiShortcut = info.name === 'windows-1252' || info.name === 'utf-8';
	}

	/** True while an all-ASCII chunk may skip the decoder (single-byte charset, or no UTF-8 sequence left open). */
	private asciiShortcut = false;

	private decideAndFlush(final: boolean): string {
		const window = Buffer.concat(this.pending);
		this.pending = [];
		this.pendingBytes = 0;
		let validUtf8 = true;
		try {
			// stream: true tolerates a multi-byte sequence cut at the end of the window
			new TextDecoder('utf-8', { fatal: true }).decode(window, { stream: !final });
		} catch {
			validUtf8 = false;
		}
		if (validUtf8) this.choose(resolveCharset('utf-8'), 'utf8-detected');
		else this.choose(resolveCharset(this.options.fallback), 'marketplace-default');
		const text = this.decode(window, true);
		return final ? text + this.decode(undefined, false) : text;
	}

	private decode(chunk: Buffer | undefined, stream: boolean): string {
		const text = stream ? this.decoder!.decode(chunk, { stream: true }) : this.decoder!.decode();
		if (text.includes('\uFFFD')) {
			for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) this.replacements += 1;
		}
		return text;
	}
}

/** Whether `chunk` ends with a complete UTF-8 sequence (so a decoder holds no bytes after it). */
export function endsWithCompleteUtf8(chunk: Buffer): boolean {
	const length = chunk.length;
	for (let back = 1; back <= 4 && back <= length; back++) {
		const byte = chunk[length - back];
		if (byte < 0x80) return back === 1;
		if (byte >= 0xc0) {
			const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
			return needed === back;
		}
	}
	return false;
}
