/**
 * Which settlement report and which financial event group describe the same settlement period.
 *
 * Amazon gives no field that names both in one place, except (maybe) listSummary: its summaries carry
 * related identifiers, always the SETTLEMENT_ID and, where Amazon gives it, the FINANCIAL_EVENT_GROUP_ID.
 * The rule, in that order:
 *   A. listSummary pairs the settlement id with a financial event group id: that group.
 *   B. otherwise: the group whose currency is the settlement's and whose start and end are within one
 *      hour of the settlement's start and end (settlement-start-date / settlement-end-date of the report,
 *      FinancialEventGroupStart / FinancialEventGroupEnd of the group).
 * Amazon keeps settlement reports 90 days; v0 lists groups by start date in windows of up to 180 days.
 */
import type { ResponseMetadata, SpApiClient } from '../../sp-api/client';
import { latestAllowedBefore, toUtcIso } from '../../sp-api/dates';
import { SpApiError } from '../../sp-api/errors';
import { readAmazonMoney, type Money } from '../../sp-api/money';
import { InputError } from '../../sp-api/n8n/nodeErrors';
import { paginateItems } from '../../sp-api/pagination';
import { findSettlementReports, getReport, isSettlementReportType, openReportDocument, rowBatchesOf, toIsoDate, withFileDateOrder, type AmazonReport, type SettlementReportType } from '../../sp-api/reports';
import { findMarketplace } from '../../sp-api/marketplaces';
import { SettlementReader, settlementDateTexts, type ComparableKind, type SettlementSummary } from './settlement';
import { tr } from '../../sp-api/i18n/translate';

const DAY_MS = 86_400_000;
/** How far the start and end of a group and a settlement may differ and still be the same period. */
export const PERIOD_TOLERANCE_MS = 60 * 60_000;
const GROUP_LIST_MAX_DAYS = 180;
const REPORT_RETENTION_DAYS = 90;

export type MappedBy = 'listSummary' | 'settlementPeriod';

export interface EventGroupInfo {
	financialEventGroupId: string;
	processingStatus?: string;
	start?: string;
	end?: string;
	originalTotal?: Money;
}

interface V0Group {
	FinancialEventGroupId?: string;
	ProcessingStatus?: string;
	OriginalTotal?: unknown;
	FinancialEventGroupStart?: string;
	FinancialEventGroupEnd?: string;
}

interface GroupsPage {
	payload?: { FinancialEventGroupList?: V0Group[] };
}

function groupInfo(group: V0Group): EventGroupInfo {
	return {
		financialEventGroupId: String(group.FinancialEventGroupId ?? ''),
		processingStatus: group.ProcessingStatus,
		start: group.FinancialEventGroupStart,
		end: group.FinancialEventGroupEnd,
		originalTotal: readAmazonMoney(group.OriginalTotal),
	};
}

/** Groups that started in [after, before), newest first. */
async function* groupsStarted(client: SpApiClient, after: Date, before: Date): AsyncGenerator<EventGroupInfo> {
	const groups = paginateItems<V0Group, GroupsPage>(
		client,
		'listFinancialEventGroups',
		{ params: { MaxResultsPerPage: 100, FinancialEventGroupStartedAfter: toUtcIso(after), FinancialEventGroupStartedBefore: toUtcIso(before) } },
		(page) => page.payload?.FinancialEventGroupList ?? [],
	);
	for await (const { item } of groups) yield groupInfo(item);
}

/** A group by its id: v0 cannot be asked by id, so the groups of the last 180 days are looked through. */
export async function findEventGroup(client: SpApiClient, financialEventGroupId: string, nowMs: number): Promise<EventGroupInfo> {
	const before = latestAllowedBefore(nowMs);
	for await (const group of groupsStarted(client, new Date(before.getTime() - GROUP_LIST_MAX_DAYS * DAY_MS), before)) {
		if (group.financialEventGroupId === financialEventGroupId) return group;
	}
	throw new InputError(
		tr`No financial event group "${financialEventGroupId}" started in the last ${GROUP_LIST_MAX_DAYS} days. Take the ID from the Finances node (Financial Event Group → Get Many); Amazon keeps settlement reports only ${REPORT_RETENTION_DAYS} days.`,
	);
}

interface SummaryPage {
	summaries?: { relatedIdentifiers?: { relatedIdentifierName?: string; relatedIdentifierValue?: string }[] }[];
}

export interface SummaryPair {
	settlementId?: string;
	financialEventGroupId?: string;
}

/**
 * Settlement id ↔ group id pairs from listSummary (2024-06-19). Failing here is no reason to stop:
 * rule B still works, so the reason is returned instead.
 */
export async function summaryPairs(client: SpApiClient, params: Record<string, string | undefined>): Promise<{ pairs: SummaryPair[]; problem?: string }> {
	const pairs: SummaryPair[] = [];
	const answer = await (async () => {
		for await (const { item } of paginateItems<NonNullable<SummaryPage['summaries']>[number], SummaryPage>(client, 'listSummary', { params }, (page) => page.summaries ?? [])) {
			const ids = new Map((item.relatedIdentifiers ?? []).map((id) => [id.relatedIdentifierName, id.relatedIdentifierValue]));
			pairs.push({ settlementId: ids.get('SETTLEMENT_ID'), financialEventGroupId: ids.get('FINANCIAL_EVENT_GROUP_ID') });
		}
	})().then(
		() => undefined,
		(error: unknown) => error,
	);
	if (answer === undefined) return { pairs };
	if (answer instanceof SpApiError && answer.kind !== 'network' && answer.kind !== 'aborted') return { pairs, problem: answer.hint };
	throw answer;
}

function near(a: string | undefined, b: string | undefined): boolean {
	if (!a || !b) return false;
	const difference = Math.abs(Date.parse(a) - Date.parse(b));
	return Number.isFinite(difference) && difference <= PERIOD_TOLERANCE_MS;
}

/** Rule B: same currency, start and end within the tolerance. */
export function samePeriod(group: EventGroupInfo, summary: Pick<SettlementSummary, 'currency' | 'start' | 'end'>): boolean {
	return group.originalTotal?.currency === summary.currency && near(group.start, summary.start) && near(group.end, summary.end);
}

export interface ReadSettlement {
	report: AmazonReport;
	summary: SettlementSummary;
	reader: SettlementReader;
	metadata?: ResponseMetadata;
}

/**
 * Reads a whole settlement report: its summary row and its refund lines of the compared kinds. When the
 * settlement line's start or end date cannot be read, the report's own dataStartTime / dataEndTime
 * (which Amazon sets to the settlement period) stand in, and the summary says so (periodFrom 'report').
 */
export async function readSettlement(client: SpApiClient, report: AmazonReport, kinds: ReadonlySet<ComparableKind>, metadata?: ResponseMetadata): Promise<ReadSettlement> {
	if (!report.reportDocumentId) throw new InputError(tr`Settlement report ${report.reportId} has no document to download (status ${report.processingStatus}).`);
	const marketplace = report.marketplaceIds?.length ? findMarketplace(report.marketplaceIds[0]) : undefined;
	const reader = new SettlementReader(kinds, marketplace);
	const opened = await openReportDocument(client, report.reportDocumentId, { marketplace });
	try {
		// a malformed line would make every total after it uncertain: stop there
		const batches = rowBatchesOf(opened, { reportType: report.reportType, marketplace, onMalformed: 'error' });
		for await (const batch of withFileDateOrder(batches, reader.dates, settlementDateTexts)) for (const row of batch) reader.add(row);
	} finally {
		opened.close();
	}
	if (!reader.summary) {
		throw new InputError(tr`Settlement report ${report.reportId} has no settlement line (settlement-id, total-amount, currency): it does not look like a flat-file settlement report.`);
	}
	const summary = reader.summary;
	if ((!summary.start || !summary.end) && (report.dataStartTime || report.dataEndTime)) {
		summary.start ??= report.dataStartTime ? (toIsoDate(report.dataStartTime) ?? report.dataStartTime) : undefined;
		summary.end ??= report.dataEndTime ? (toIsoDate(report.dataEndTime) ?? report.dataEndTime) : undefined;
		summary.periodFrom = 'report';
	}
	return { report, summary, reader, metadata };
}

/** Flat-file layouts Reconcile reads; the XML layout holds the same money. */
export const READABLE_LAYOUTS: readonly SettlementReportType[] = ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE'];

export async function settlementReportById(client: SpApiClient, reportId: string): Promise<{ report: AmazonReport; metadata: ResponseMetadata }> {
	const { data: report, metadata } = await getReport(client, reportId);
	if (!isSettlementReportType(report.reportType)) {
		throw new InputError(tr`Report ${reportId} is a ${report.reportType} report, not a settlement report. Find settlement reports with the Reports node (Settlement Report → Get Many).`);
	}
	if (!READABLE_LAYOUTS.includes(report.reportType as SettlementReportType)) {
		throw new InputError(
			tr`Report ${reportId} is the XML layout of a settlement (${report.reportType}). Reconcile reads the flat-file layouts: use the ID of the same settlement's GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2 report.`,
		);
	}
	if (report.processingStatus !== 'DONE') throw new InputError(tr`Settlement report ${reportId} is ${report.processingStatus}; only finished (DONE) settlement reports can be read.`);
	return { report, metadata };
}

export async function latestSettlementReport(client: SpApiClient, layout: SettlementReportType, marketplaceIds: string[]): Promise<{ report: AmazonReport; metadata: ResponseMetadata }> {
	for await (const { report, page } of findSettlementReports(client, { reportType: layout, marketplaceIds: marketplaceIds.length ? marketplaceIds : undefined }, { limit: 1 })) {
		return { report, metadata: page.metadata };
	}
	throw new InputError(
		tr`Amazon has published no ${layout} settlement report in the last ${REPORT_RETENTION_DAYS} days${marketplaceIds.length ? tr` for these marketplaces` : ''}. Settlement reports appear after a settlement period closes (usually every 14 days).`,
	);
}

export interface Mapping {
	group: EventGroupInfo;
	mappedBy: MappedBy;
	/** Why rule A could not be used, when it could not. */
	summaryProblem?: string;
}

/** The financial event group of a settlement that has been read (rule A, then rule B). */
export async function groupForSettlement(client: SpApiClient, summary: SettlementSummary, nowMs: number): Promise<Mapping> {
	const { pairs, problem } = summary.settlementId
		? await summaryPairs(client, { relatedIdentifierName: 'SETTLEMENT_ID', relatedIdentifierValue: summary.settlementId })
		: { pairs: [], problem: tr`the settlement report names no settlement id` };
	const pairedGroupId = pairs.find((pair) => pair.settlementId === summary.settlementId && pair.financialEventGroupId)?.financialEventGroupId;
	const startMs = summary.start ? Date.parse(summary.start) : Number.NaN;
	if (!Number.isFinite(startMs)) throw new InputError(tr`Settlement ${summary.settlementId} has no readable start date, so its financial event group cannot be found.`);
	const latest = latestAllowedBefore(nowMs).getTime();
	const after = new Date(startMs - DAY_MS);
	const before = new Date(Math.min(startMs + DAY_MS, latest));
	let byPeriod: EventGroupInfo | undefined;
	for await (const group of groupsStarted(client, after, before)) {
		if (pairedGroupId && group.financialEventGroupId === pairedGroupId) return { group, mappedBy: 'listSummary' };
		if (!byPeriod && samePeriod(group, summary)) byPeriod = group;
	}
	if (pairedGroupId) {
		// Amazon named the group but does not list it near the settlement's dates: trust the pairing
		return { group: { financialEventGroupId: pairedGroupId }, mappedBy: 'listSummary' };
	}
	if (byPeriod) return { group: byPeriod, mappedBy: 'settlementPeriod', summaryProblem: problem ?? tr`listSummary did not name a financial event group for this settlement` };
	throw new InputError(
		tr`No financial event group matches settlement ${summary.settlementId} (${summary.currency}, ${summary.start ?? '?'} – ${summary.end ?? '?'}): none has the same currency and a start and end within one hour of the settlement's.`,
	);
}

/** The settlement report of a group (rule A when listSummary pairs them, else rule B), read. */
export async function settlementForGroup(
	client: SpApiClient,
	group: EventGroupInfo,
	layout: SettlementReportType,
	kinds: ReadonlySet<ComparableKind>,
	nowMs: number,
): Promise<ReadSettlement & { mappedBy: MappedBy; summaryProblem?: string }> {
	if (group.processingStatus === 'Open' || !group.end) {
		throw new InputError(
			tr`Financial event group ${group.financialEventGroupId} is still open: Amazon publishes its settlement report only after the period closes${group.start ? tr` (it started ${group.start})` : ''}.`,
		);
	}
	const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : undefined);
	const { pairs, problem } = await summaryPairs(client, { periodStart: day(group.start), periodEnd: day(group.end) });
	const settlementId = pairs.find((pair) => pair.financialEventGroupId === group.financialEventGroupId && pair.settlementId)?.settlementId;
	const endMs = Date.parse(group.end);
	const createdSince = new Date(Math.max(endMs - PERIOD_TOLERANCE_MS, nowMs - (REPORT_RETENTION_DAYS * DAY_MS - 60_000)));
	if (endMs < nowMs - REPORT_RETENTION_DAYS * DAY_MS) {
		throw new InputError(tr`Financial event group ${group.financialEventGroupId} ended on ${group.end}: Amazon keeps settlement reports only ${REPORT_RETENTION_DAYS} days.`);
	}
	const candidates: AmazonReport[] = [];
	for await (const { report } of findSettlementReports(client, { reportType: layout, createdSince })) {
		if (near(report.dataStartTime, group.start) && near(report.dataEndTime, group.end)) candidates.push(report);
	}
	let byPeriod: ReadSettlement | undefined;
	for (const report of candidates) {
		const read = await readSettlement(client, report, kinds);
		if (settlementId && read.summary.settlementId === settlementId) return { ...read, mappedBy: 'listSummary' };
		if (!byPeriod && samePeriod(group, read.summary)) byPeriod = read;
		if (!settlementId && byPeriod) break;
	}
	if (byPeriod) return { ...byPeriod, mappedBy: 'settlementPeriod', summaryProblem: problem ?? tr`listSummary did not name a settlement for this financial event group` };
	throw new InputError(
		tr`No ${layout} settlement report matches financial event group ${group.financialEventGroupId} (${group.originalTotal?.currency ?? '?'}, ${group.start} – ${group.end}). Amazon publishes it shortly after the period closes; it may not be there yet.`,
	);
}
