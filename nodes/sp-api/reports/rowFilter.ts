/**
 * Filters applied while a report is read, before any output item exists: "only rows where <column> is
 * (not) one of …" and "only these columns". A huge settlement read "as rows" then costs memory in
 * proportion to the rows and columns kept, not to the file (bench/reports.bench.ts, filteredRows).
 *
 * Column names are compared without case, spaces, dashes or underscores ("Transaction Type" finds
 * transaction-type); values without case and surrounding spaces. A column the report does not have
 * is an error naming the columns it has (a typo would otherwise silently give no rows). Malformed rows
 * are always kept, flagged: a filter never hides a line ACORN could not read.
 */
import { tr } from '../i18n/translate';
import { ReportError } from './errors';
import type { ReportRow } from './types';

export interface RowCondition {
	column: string;
	values: readonly string[];
	/** true: keep rows whose value is NONE of `values`. */
	exclude?: boolean;
}

export interface RowFilterSpec {
	where?: readonly RowCondition[];
	/** Keep only these columns (in this order); ACORN's own notes (_line, _problem, …) stay. */
	columns?: readonly string[];
}

/**
 * A copy of a text that no longer points into the chunk it was cut from. V8 keeps the cut-out pieces
 * of a line as views of the whole decoded chunk, so one kept row would otherwise keep its chunk (tens
 * of KB) alive: keeping every tenth row would keep the whole file. Short texts are copies already.
 */
function detached(value: unknown): unknown {
	return typeof value === 'string' && value.length >= 13 ? (' ' + value).slice(1) : value;
}

export function columnKey(name: string): string {
	return name.toLowerCase().replace(/[\s\-_]+/g, '');
}

function valueKey(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim().toLowerCase();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value).toLowerCase();
	return undefined;
}

/** Splits a list typed into one field: commas or line breaks separate entries; empty entries are dropped. */
export function splitList(text: string): string[] {
	return text
		.split(/[,\n]/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

export function isActive(spec: RowFilterSpec | undefined): spec is RowFilterSpec {
	return !!spec && ((spec.where?.length ?? 0) > 0 || (spec.columns?.length ?? 0) > 0);
}

interface Compiled {
	column: string;
	values: ReadonlySet<string>;
	exclude: boolean;
}

export class RowFilter {
	private conditions?: Compiled[];
	private columns?: string[];
	/** Rows looked at / kept (malformed rows count as kept). */
	read = 0;
	kept = 0;

	constructor(
		private readonly spec: RowFilterSpec,
		private readonly reportDocumentId?: string,
	) {}

	/** The row as kept, or undefined when the conditions leave it out. */
	apply(row: ReportRow): ReportRow | undefined {
		this.read += 1;
		if (!row.problem) {
			if (!this.conditions) this.compile(row.values);
			for (const condition of this.conditions!) {
				const key = valueKey(row.values[condition.column]);
				const listed = key !== undefined && condition.values.has(key);
				if (listed === condition.exclude) return undefined;
			}
		}
		this.kept += 1;
		if (this.spec.columns?.length && !this.columns && !row.problem) this.compile(row.values);
		const values: Record<string, unknown> = {};
		if (this.columns && !row.problem) {
			for (const column of this.columns) if (column in row.values) values[column] = detached(row.values[column]);
		} else {
			for (const column in row.values) values[column] = detached(row.values[column]);
		}
		return { ...row, values };
	}

	/** Resolves the names the user typed against the report's columns (those of its first readable row). */
	private compile(values: Record<string, unknown>): void {
		const byKey = new Map<string, string>();
		for (const name of Object.keys(values)) if (!byKey.has(columnKey(name))) byKey.set(columnKey(name), name);
		const resolve = (name: string): string => {
			const found = byKey.get(columnKey(name));
			if (found !== undefined) return found;
			const known = [...byKey.values()];
			throw new ReportError({
				kind: 'input',
				reportDocumentId: this.reportDocumentId,
				message: tr`The report has no column "${name}". Its columns are: ${known.slice(0, 40).join(', ')}${known.length > 40 ? ', …' : ''}.`,
				hint: tr`Correct the column name in "Only Rows Where" or "Only These Columns" (download a few rows without filters to see the column names).`,
			});
		};
		this.conditions ??= (this.spec.where ?? []).map((condition) => ({
			column: resolve(condition.column),
			values: new Set(condition.values.map((value) => value.trim().toLowerCase())),
			exclude: condition.exclude === true,
		}));
		if (this.spec.columns?.length) this.columns ??= this.spec.columns.map(resolve);
	}
}

/** Batches with only the rows (and columns) the filter keeps; empty batches are not passed on. */
export async function* filteredBatches(batches: AsyncIterable<ReportRow[]>, filter: RowFilter): AsyncGenerator<ReportRow[]> {
	for await (const batch of batches) {
		const kept: ReportRow[] = [];
		for (const row of batch) {
			const out = filter.apply(row);
			if (out) kept.push(out);
		}
		if (kept.length > 0) yield kept;
	}
}
