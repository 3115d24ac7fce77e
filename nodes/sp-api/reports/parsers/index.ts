import type { ReportFormat } from '../types';
import { CsvParser } from './csv';
import { JsonLinesParser, JsonParser } from './json';
import { TsvParser } from './tsv';
import type { RowParser } from './types';
import { XmlParser, type XmlParserOptions } from './xml';

export type { RowParser } from './types';
export { CsvParser, JsonLinesParser, JsonParser, TsvParser, XmlParser };

export interface ParserOptions extends XmlParserOptions {
	/** Flat files: lines to skip before the header. */
	skipLines?: number;
}

export function createParser(format: ReportFormat, options: ParserOptions = {}): RowParser {
	switch (format) {
		case 'tsv':
			return new TsvParser(options);
		case 'csv':
			return new CsvParser(options);
		case 'xml':
			return new XmlParser(options);
		case 'json':
			return new JsonParser();
		case 'jsonl':
			return new JsonLinesParser();
	}
}

/** The format from the Content-Type Amazon's storage sends, when it says something useful. */
export function formatFromContentType(contentType: string | undefined): ReportFormat | undefined {
	const type = (contentType ?? '').toLowerCase();
	if (type.includes('xml')) return 'xml';
	if (type.includes('ndjson') || type.includes('jsonl') || type.includes('json-seq')) return 'jsonl';
	if (type.includes('json')) return 'json';
	if (type.includes('csv')) return 'csv';
	if (type.includes('tab-separated')) return 'tsv';
	return undefined;
}

/** The format from the first text of the document (for "auto" when nothing else tells). */
export function sniffFormat(head: string): ReportFormat {
	const text = head.replace(/^\uFEFF/, '').trimStart();
	if (text.startsWith('<')) return 'xml';
	if (text.startsWith('[')) return 'json';
	if (text.startsWith('{')) {
		const firstLine = text.split('\n', 1)[0].trim();
		const rest = text.slice(firstLine.length).trimStart();
		try {
			JSON.parse(firstLine);
			if (rest === '' || rest.startsWith('{')) return rest === '' ? 'json' : 'jsonl';
		} catch {
			// an object spread over several lines
		}
		return 'json';
	}
	const firstLine = text.split('\n', 1)[0];
	if (firstLine.includes('\t')) return 'tsv';
	if (firstLine.includes(',')) return 'csv';
	return 'tsv';
}
