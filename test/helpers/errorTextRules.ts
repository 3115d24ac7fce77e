/**
 * The rules every error text of ACORN keeps (issue 13, point 2), as a checker that returns the broken
 * ones in words. Used on what a person sees: an n8n error's message and description, and the error
 * item "Continue On Fail" makes (its `error` and `description`).
 *   1. No raw JSON (or markup) in a message or description.
 *   2. "Amazon said: …" quotes only what Amazon sent, and Amazon's words appear nowhere else in the texts.
 *   3. No sentence appears twice.
 *   4. It is ACORN's text, not n8n's generic replacement (n8n swaps messages naming e.g. ECONNRESET).
 */
import type { IDataObject } from 'n8n-workflow';

export interface ShownTexts {
	/** Where the texts come from, for the report ("thrown", "error item"). */
	surface: string;
	message: string;
	description?: string;
}

export interface WhatAmazonSent {
	/** Amazon's sentences as it sent them (message, details, error_description, an error document's text). */
	words: string[];
}

/** "Amazon said:" in every language ACORN speaks. */
export const AMAZON_SAID = /(?:Amazon said|亚马逊原话)[:：]\s*/;

const RAW_JSON = /[{[]\s*"[^"]*"\s*:|"\s*:\s*[{["\d]|\\"|<\/?[a-zA-Z][^>]*>/;
const N8N_GENERIC = [
	'The service refused the connection',
	'The connection to the server was closed unexpectedly',
	'The connection timed out',
	'The connection cannot be established',
	'Your request is invalid or could not be processed',
	'Bad request - please check your parameters',
	'Forbidden - perhaps check your credentials',
	'The resource you are requesting could not be found',
	'The service is receiving too many requests from you',
	'The service was not able to process your request',
	'Service unavailable - try again later',
	'UNKNOWN ERROR',
];

export function sentencesOf(text: string): string[] {
	return text
		.split(/(?<=[.!?])\s+|(?<=[。！？])|\n/)
		.map((sentence) => sentence.trim())
		.filter((sentence) => sentence.length > 0);
}

/** Amazon's words as ACORN is to quote them: JSON reduced to its texts, whitespace collapsed. */
function plainPieces(words: readonly string[]): string[] {
	const pieces: string[] = [];
	const collect = (value: unknown): void => {
		if (typeof value === 'string') {
			const text = value.trim();
			if (/^[[{]/.test(text)) {
				try {
					return collect(JSON.parse(text) as unknown);
				} catch {
					// plain text
				}
			}
			if (text) pieces.push(text.replace(/\s+/g, ' '));
		} else if (Array.isArray(value)) value.forEach(collect);
		else if (value && typeof value === 'object') Object.values(value).forEach(collect);
	};
	words.forEach(collect);
	return pieces.sort((a, b) => b.length - a.length);
}

/** The "Amazon said" quotes of a text (each from the label to the end of its line). */
export function amazonQuotes(text: string): string[] {
	return text
		.split('\n')
		.filter((line) => AMAZON_SAID.test(line))
		.map((line) => line.slice(line.search(AMAZON_SAID)).replace(AMAZON_SAID, '').trim());
}

/** Every rule `texts` breaks, in words; [] when it keeps them all. */
export function brokenRules(texts: ShownTexts, sent: WhatAmazonSent): string[] {
	const problems: string[] = [];
	const where = texts.surface;
	const all = [texts.message, texts.description ?? ''].join('\n');
	if (!texts.message.trim()) problems.push(`${where}: the message is empty`);
	if (/\b(undefined|null)\b|\[object Object\]|NaN/.test(all)) problems.push(`${where}: a value is missing in ${JSON.stringify(all)}`);
	if (RAW_JSON.test(all)) problems.push(`${where}: raw JSON or markup in ${JSON.stringify(all)}`);
	const generic = N8N_GENERIC.find((text) => texts.message.startsWith(text));
	if (generic) problems.push(`${where}: n8n replaced the message by its generic "${generic}"`);

	const pieces = plainPieces(sent.words);
	const quotes = amazonQuotes(all);
	if (pieces.length === 0 && quotes.length > 0) problems.push(`${where}: "Amazon said" although Amazon sent no words: ${JSON.stringify(quotes)}`);
	for (const quote of quotes) {
		let rest = quote;
		for (const piece of pieces) rest = rest.split(piece).join(' ');
		// what may remain: the separators ACORN puts between Amazon's sentences
		if (rest.replace(/[\s;()（）—.。、,]/g, '') !== '') problems.push(`${where}: "Amazon said" holds words Amazon did not send: ${JSON.stringify(rest.trim())} in ${JSON.stringify(quote)}`);
	}
	const outsideQuotes = all
		.split('\n')
		.map((line) => (AMAZON_SAID.test(line) ? line.slice(0, line.search(AMAZON_SAID)) : line))
		.join('\n');
	for (const piece of pieces.filter((p) => p.length >= 12)) {
		if (outsideQuotes.includes(piece)) problems.push(`${where}: Amazon's words ${JSON.stringify(piece)} outside "Amazon said"`);
	}

	const seen = new Set<string>();
	for (const sentence of sentencesOf(all)) {
		if (seen.has(sentence)) problems.push(`${where}: the sentence ${JSON.stringify(sentence)} appears twice`);
		seen.add(sentence);
	}
	return problems;
}

/** The texts of an n8n node error. */
export function thrownTexts(error: { message: string; description?: string | null }): ShownTexts {
	return { surface: 'thrown error', message: error.message, description: error.description ?? undefined };
}

/** The texts of a Continue On Fail error item. */
export function itemTexts(json: IDataObject): ShownTexts {
	return { surface: 'error item', message: String(json.error ?? ''), description: typeof json.description === 'string' ? json.description : undefined };
}
