import type { ReportRow } from '../types';
import { tr } from '../../i18n/translate';

/** An incremental parser: text goes in chunk by chunk, finished rows come out. */
export interface RowParser {
	push(text: string, out: ReportRow[]): void;
	/** End of the document: emits what is left, or throws when the document is cut off. */
	end(out: ReportRow[]): void;
}

export interface FlatParserOptions {
	/** Lines to skip before the header (some CSV reports start with a description). */
	skipLines?: number;
}

/** Header names, made unique so no column overwrites another. */
export function uniqueHeader(names: string[]): string[] {
	const seen = new Map<string, number>();
	return names.map((raw, index) => {
		const name = raw.trim() === '' ? `column${index + 1}` : raw;
		const count = (seen.get(name) ?? 0) + 1;
		seen.set(name, count);
		return count === 1 ? name : `${name} (${count})`;
	});
}

/**
 * Values of one record by header. Amazon omits trailing empty fields on some lines (missing values
 * become ''); surplus fields that are empty are trailing separators. Surplus fields with content
 * mean the line does not fit the header: the row is kept and flagged.
 */
export function rowFromFields(header: string[], fields: string[], line: number, raw: () => string): ReportRow<Record<string, string>> {
	const values: Record<string, string> = {};
	const width = header.length;
	for (let i = 0; i < width; i++) values[header[i]] = i < fields.length ? fields[i] : '';
	if (fields.length > width) {
		for (let i = width; i < fields.length; i++) {
			if (fields[i] !== '') {
				return {
					line,
					values,
					problem: tr`line ${line} has ${fields.length} fields but the header has ${width}`,
					raw: raw(),
				};
			}
		}
	}
	return { line, values };
}
