/**
 * Dates in report files, whatever the marketplace: the reports core's date module on every spelling,
 * the per-file day/month decision, and real-shaped files of 12 marketplaces (settlement V2 and the
 * older flat file, FBA returns, seller-fulfilled returns, reimbursements) in their charsets, read
 * through the same parser, typed values, settlement reader and returns reader the nodes use.
 */
import { DateTime } from 'luxon';
import { findMarketplace, type Marketplace } from '../../../nodes/sp-api/marketplaces';
import {
	defaultCharsetFor,
	FileDateOrder,
	parseReportRowBatches,
	readReportDate,
	ReportTextDecoder,
	withFileDateOrder,
	type ReportRow,
} from '../../../nodes/sp-api/reports';
import { SettlementReader, settlementDateTexts } from '../../../nodes/AmazonSpApiRefunds/logic/settlement';
import { returnLinesOfRow, returnRowDateTexts } from '../../../nodes/AmazonSpApiRefunds/logic/returnLines';
import { EARLY_MONTH_INSTANTS, FILE_KINDS, MARKETPLACE_CODES, marketplaceFile, type MarketplaceFile } from '../../helpers/marketplaceReportFiles';

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The bytes decoded as a download without a charset header would be, in small chunks. */
async function* decoded(file: MarketplaceFile, chunkBytes = 700): AsyncGenerator<string> {
	const decoder = new ReportTextDecoder({ fallback: defaultCharsetFor(file.marketplace, file.marketplace.region) });
	for (let at = 0; at < file.bytes.length; at += chunkBytes) {
		const text = decoder.write(file.bytes.subarray(at, at + chunkBytes));
		if (text) yield text;
	}
	const rest = decoder.end();
	if (rest) yield rest;
}

async function rowsOf(file: MarketplaceFile, options: { typed?: boolean; marketplace?: Marketplace | null } = {}): Promise<ReportRow[]> {
	const rows: ReportRow[] = [];
	const marketplace = options.marketplace === null ? undefined : (options.marketplace ?? file.marketplace);
	for await (const batch of parseReportRowBatches({ text: decoded(file) }, { reportType: file.reportType, typed: options.typed ?? true, marketplace })) rows.push(...batch);
	return rows;
}

async function textOf(file: MarketplaceFile): Promise<string> {
	let text = '';
	for await (const chunk of decoded(file)) text += chunk;
	return text;
}

describe('readReportDate: every spelling Amazon uses', () => {
	it.each([
		['2025-03-14T10:00:00+00:00', '2025-03-14T10:00:00Z'],
		['2025-03-14T10:00:00Z', '2025-03-14T10:00:00Z'],
		['2025-03-14T10:00:00.123Z', '2025-03-14T10:00:00.123Z'],
		['2025-03-14T19:00:00+09:00', '2025-03-14T10:00:00Z'],
		['2025-03-14T03:00:00-0700', '2025-03-14T10:00:00Z'],
		['2025-03-14 10:00:00 UTC', '2025-03-14T10:00:00Z'],
		['2025-03-14 10:00:00 GMT', '2025-03-14T10:00:00Z'],
		['14.03.2025 10:00:00 UTC', '2025-03-14T10:00:00Z'],
		['5.1.2025 07:03:00 UTC', '2025-01-05T07:03:00Z'],
		['2025/03/14 10:00:00 UTC', '2025-03-14T10:00:00Z'],
		['2025-03-14 03:00:00 PDT', '2025-03-14T10:00:00Z'],
		['2025-01-14 02:00:00 PST', '2025-01-14T10:00:00Z'],
		['2025/03/14 19:00:00 JST', '2025-03-14T10:00:00Z'],
		['14/07/2025 11:00:00 BST', '2025-07-14T10:00:00Z'],
		['14.03.2025 11:00:00 CET', '2025-03-14T10:00:00Z'],
		['14.07.2025 12:00:00 CEST', '2025-07-14T10:00:00Z'],
		['2025-03-14 15:30:00 IST', '2025-03-14T10:00:00Z'],
		['2025-03-14 10:00:00 UTC+09:00', '2025-03-14T01:00:00Z'],
		['Mar 14, 2025 3:00:00 AM PDT', '2025-03-14T10:00:00Z'],
		['Mar 14, 2025 3:00:00 PM PDT', '2025-03-14T22:00:00Z'],
		['14/03/2025 10:00:00 UTC', '2025-03-14T10:00:00Z'],
		['03/14/2025 10:00:00 UTC', '2025-03-14T10:00:00Z'],
		['2025-03-14', '2025-03-14'],
		['14.03.2025', '2025-03-14'],
		['2025/03/14', '2025-03-14'],
		['14-Mar-2025', '2025-03-14'],
		['10-Jul-2025', '2025-07-10'],
		['14. März 2025', '2025-03-14'],
		['14 déc. 2025', '2025-12-14'],
		['Jul 10, 2025', '2025-07-10'],
		['14/03/25', '2025-03-14'],
	])('%s → %s', (text, expected) => {
		expect(readReportDate(text)).toEqual({ ok: true, iso: expected, hasTime: expected.includes('T') });
	});

	it('a time without a zone is read in the marketplace time zone when one is given, else UTC', () => {
		expect(readReportDate('2025-03-14 19:00:00', { timeZone: 'Asia/Tokyo' })).toMatchObject({ iso: '2025-03-14T10:00:00Z' });
		expect(readReportDate('2025-03-14 19:00:00')).toMatchObject({ iso: '2025-03-14T19:00:00Z' });
	});

	it('ambiguous, impossible and foreign texts are not read, with the reason', () => {
		expect(readReportDate('03/04/2025')).toEqual({ ok: false, ambiguous: true, why: expect.stringMatching(/either way round/) });
		expect(readReportDate('03/04/2025', { order: 'dayFirst' })).toMatchObject({ iso: '2025-04-03' });
		expect(readReportDate('03/04/2025', { order: 'monthFirst' })).toMatchObject({ iso: '2025-03-04' });
		expect(readReportDate('25/03/2025', { order: 'monthFirst' })).toEqual({ ok: false, ambiguous: false, why: expect.stringMatching(/does not fit the month\/day order/) });
		expect(readReportDate('31.02.2025')).toMatchObject({ ok: false, why: 'it is not a calendar day' });
		expect(readReportDate('2025-03-14 10:00:00 XYZ')).toMatchObject({ ok: false, why: expect.stringMatching(/time zone/) });
		expect(readReportDate('soon')).toMatchObject({ ok: false });
		expect(readReportDate('2025-03-14 25:00:00 UTC')).toMatchObject({ ok: false });
	});
});

describe('FileDateOrder: one decision per file, never per value', () => {
	const batchesOf = async function* (values: string[][]): AsyncGenerator<string[]> {
		for (const batch of values) yield batch;
	};
	const run = async (values: string[][], marketplace?: Marketplace, lookahead?: number) => {
		const order = new FileDateOrder(marketplace);
		const out: string[] = [];
		for await (const batch of withFileDateOrder(batchesOf(values), order, (text) => [text], lookahead)) for (const text of batch) out.push((order.read(text) as { iso?: string }).iso ?? `unread:${text}`);
		return { out, decision: order.decision() };
	};
	const US = findMarketplace('US');
	const UK = findMarketplace('UK');
	const JP = findMarketplace('JP');

	it('a value with its first part above 12 settles the whole file day-first, also the values before it and against the marketplace', async () => {
		const { out, decision } = await run([['03/04/2025', '05/06/2025'], ['14/03/2025']], US);
		expect(out).toEqual(['2025-04-03', '2025-06-05', '2025-03-14']);
		expect(decision).toEqual({ order: 'dayFirst', basis: 'file' });
	});

	it('a value with its second part above 12 settles it month-first', async () => {
		expect((await run([['03/04/2025'], ['03/14/2025']], UK)).out).toEqual(['2025-03-04', '2025-03-14']);
	});

	it('without such a value the marketplace decides (US month-first, UK day-first); Japan and no marketplace leave them unread', async () => {
		expect(await run([['03/04/2025']], US)).toEqual({ out: ['2025-03-04'], decision: { order: 'monthFirst', basis: 'marketplace' } });
		expect(await run([['03/04/2025']], UK)).toEqual({ out: ['2025-04-03'], decision: { order: 'dayFirst', basis: 'marketplace' } });
		expect(await run([['03/04/2025']], JP)).toEqual({ out: ['unread:03/04/2025'], decision: { basis: 'unknown' } });
		expect((await run([['03/04/2025']])).out).toEqual(['unread:03/04/2025']);
	});

	it('a file that contradicts itself reads its unambiguous values and leaves the ambiguous ones unread', async () => {
		const { out, decision } = await run([['03/04/2025', '14/03/2025', '03/14/2025']], UK);
		expect(decision).toEqual({ basis: 'conflict' });
		expect(out).toEqual(['unread:03/04/2025', '2025-03-14', '2025-03-14']);
	});

	it('after the look-ahead the order is fixed by the marketplace; a later value that does not fit it stays unread', async () => {
		const { out, decision } = await run([['03/04/2025'], ['05/06/2025'], ['25/03/2025']], US, 2);
		expect(decision).toEqual({ order: 'monthFirst', basis: 'marketplace' });
		expect(out).toEqual(['2025-03-04', '2025-05-06', 'unread:25/03/2025']);
	});

	it('dates that need no decision are passed on at once, not held', async () => {
		const order = new FileDateOrder(US);
		const seen: number[] = [];
		const source = async function* (): AsyncGenerator<string[]> {
			yield ['2025-03-14 10:00:00 UTC'];
			seen.push(1);
			yield ['14.03.2025'];
		};
		const batches = withFileDateOrder(source(), order, (text) => [text]);
		expect((await batches.next()).value).toEqual(['2025-03-14 10:00:00 UTC']);
		expect(seen).toEqual([]);
	});
});

describe.each(MARKETPLACE_CODES)('%s report files in their charset', (code) => {
	const marketplace = findMarketplace(code)!;

	it.each(FILE_KINDS)('%s: decoded without loss, every date read into UTC ISO with the local time beside it', async (kind) => {
		const file = marketplaceFile(code, kind);
		const text = await textOf(file);
		expect(text).not.toContain('\uFFFD');
		expect(text).toContain(file.localText);
		const rows = await rowsOf(file);
		expect(rows.filter((row) => row.problem || row.dateProblems)).toEqual([]);
		const local = (ms: number) => DateTime.fromMillis(ms, { zone: marketplace.timeZone }).toISO({ suppressMilliseconds: true });
		switch (kind) {
			case 'settlementV2': {
				const [summary, ...lines] = rows.map((row) => row.values);
				expect(summary).toMatchObject({ 'settlement-start-date': iso(file.period!.startAt), 'settlement-end-date': iso(file.period!.endAt), 'deposit-date': iso(file.period!.depositAt), 'settlement-start-date-local': local(file.period!.startAt) });
				expect(lines.map((line) => line['posted-date-time'])).toEqual(file.instants.flatMap((ms) => Array(4).fill(iso(ms))));
				expect(lines.map((line) => line['posted-date'])).toEqual(file.instants.flatMap((ms) => Array(4).fill(day(ms))));
				expect(lines[0]['posted-date-time-local']).toBe(local(file.instants[0]));
				break;
			}
			case 'settlementV1': {
				const [summary, ...lines] = rows.map((row) => row.values);
				expect(summary).toMatchObject({ 'settlement-start-date': iso(file.period!.startAt), 'settlement-end-date': iso(file.period!.endAt), 'deposit-date': iso(file.period!.depositAt) });
				expect(lines.map((line) => line['posted-date'])).toEqual(file.instants.flatMap((ms) => Array(4).fill(day(ms))));
				break;
			}
			case 'fbaReturns':
				expect(rows.map((row) => row.values['return-date'])).toEqual(file.instants.map(iso));
				expect(rows.map((row) => row.values['return-date-local'])).toEqual(file.instants.map(local));
				break;
			case 'mfnReturns':
				expect(rows.map((row) => row.values['Return request date'])).toEqual(file.instants.map(day));
				expect(rows.map((row) => row.values['Order date'])).toEqual(file.instants.map((ms) => day(ms - 5 * 86_400_000)));
				break;
			case 'reimbursements':
				expect(rows.map((row) => row.values['approval-date'])).toEqual(file.instants.map(iso));
				break;
		}
	});

	it('a file with only days 1–12 is read by the marketplace custom, the same as one whose own dates settle it', async () => {
		for (const kind of ['settlementV2', 'mfnReturns'] as const) {
			const file = marketplaceFile(code, kind, { instants: EARLY_MONTH_INSTANTS });
			const rows = await rowsOf(file);
			const column = kind === 'settlementV2' ? 'posted-date' : 'Return request date';
			const dates = rows.map((row) => row.values[column]).filter((value) => value !== '');
			expect(dates).toEqual(kind === 'settlementV2' ? EARLY_MONTH_INSTANTS.flatMap((ms) => Array(4).fill(day(ms))) : EARLY_MONTH_INSTANTS.map(day));
		}
	});

	it.each(['settlementV2', 'settlementV1'] as const)('%s through the settlement reader: period and refund posting times exact', async (kind) => {
		const file = marketplaceFile(code, kind);
		const reader = new SettlementReader(new Set(['refund']), marketplace);
		const batches = parseReportRowBatches({ text: decoded(file) }, { reportType: file.reportType, marketplace, onMalformed: 'error' });
		for await (const batch of withFileDateOrder(batches, reader.dates, settlementDateTexts)) for (const row of batch) reader.add(row);
		expect(reader.summary).toMatchObject({ start: iso(file.period!.startAt), end: iso(file.period!.endAt), depositDate: iso(file.period!.depositAt) });
		expect(reader.refunds().map((entry) => entry.postedDate)).toEqual(file.instants.map(kind === 'settlementV2' ? iso : day));
		expect(reader.refunds().every((entry) => entry.postedDateUnreadable === undefined)).toBe(true);
	});

	it.each(['fbaReturns', 'mfnReturns'] as const)('%s through the returns reader: return dates exact, local beside them', async (kind) => {
		const file = marketplaceFile(code, kind, { instants: EARLY_MONTH_INSTANTS });
		const dates = new FileDateOrder(marketplace);
		const context = { channel: kind === 'fbaReturns' ? ('FBA' as const) : ('MFN' as const), reportType: file.reportType, reportId: '1', marketplace, dates };
		const batches = parseReportRowBatches({ text: decoded(file) }, { reportType: file.reportType, marketplace });
		const returnDates: (string | undefined)[] = [];
		for await (const batch of withFileDateOrder(batches, dates, returnRowDateTexts)) for (const row of batch) for (const line of returnLinesOfRow(row, context)) returnDates.push(line.date?.iso);
		expect(returnDates).toEqual(file.instants.map(kind === 'fbaReturns' ? iso : day));
	});
});

describe('dates that cannot be read never stop reading', () => {
	it('ambiguous dates of a file without a marketplace stay as written, named in _unreadableDates', async () => {
		for (const code of ['UK', 'CA'] as const) {
			const file = marketplaceFile(code, 'settlementV2', { instants: EARLY_MONTH_INSTANTS });
			const rows = await rowsOf(file, { marketplace: null });
			const line = rows[1];
			expect(line.values['posted-date']).toMatch(/^\d{2}\/\d{2}\/2025$/);
			expect(line.dateProblems?.['posted-date']).toMatch(/could be either way round/);
		}
	});

	it('a settlement line whose period cannot be read: the reader keeps the text and carries on', async () => {
		const file = marketplaceFile('DE', 'settlementV2', { dates: 'unreadableSettlementPeriod' });
		const reader = new SettlementReader(new Set(['refund']), file.marketplace);
		for await (const batch of withFileDateOrder(parseReportRowBatches({ text: decoded(file) }, { reportType: file.reportType, onMalformed: 'error' }), reader.dates, settlementDateTexts)) {
			for (const row of batch) reader.add(row);
		}
		expect(reader.summary).toMatchObject({ start: undefined, end: undefined, unreadableDates: { 'settlement-start-date': expect.stringMatching(/^week \d+ of 2025$/), 'settlement-end-date': expect.any(String) } });
		expect(reader.refunds()).toHaveLength(file.instants.length);
	});
});
