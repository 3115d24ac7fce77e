import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ResponseMetadata, SpApiClient } from '../../../sp-api/client';
import { toLocalIso } from '../../../sp-api/dates';
import { fetchRefunds } from '../../../sp-api/finances/fetchRefunds';
import { REFUND_KINDS, withoutUndefined, type RefundKind, type RefundRecord } from '../../../sp-api/finances/refunds';
import { findMarketplace } from '../../../sp-api/marketplaces';
import { amountValue, money, type AmountStyle } from '../../../sp-api/money';
import { amountStyleOf } from '../../../sp-api/n8n/amountStyle';
import { marketplacesProperty, optionsProperty } from '../../../sp-api/n8n/commonProperties';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { responseMetadataJson } from '../../../sp-api/n8n/responseMetadata';
import type { SettlementReportType } from '../../../sp-api/reports';
import type { MessageLanguage } from '../../logic/awaiting';
import { countsOf, reconcileRefunds, reconcileRowJson, totalsJson, totalsOf, type ReconcileRow } from '../../logic/reconcile';
import { COMPARABLE_KINDS, eventRefundEntries, type ComparableKind } from '../../logic/settlement';
import {
	findEventGroup,
	groupForSettlement,
	latestSettlementReport,
	readSettlement,
	READABLE_LAYOUTS,
	settlementForGroup,
	settlementReportById,
	type EventGroupInfo,
	type MappedBy,
	type ReadSettlement,
} from '../../logic/settlementSource';
import { messageLanguageProperty } from '../../../sp-api/n8n/messageLanguage';
import { tr } from '../../../sp-api/i18n/translate';

const show = { resource: ['refund'], operation: ['reconcileWithSettlement'] };
const displayOptions = { show };

export const description: INodeProperties[] = [
	{
		displayName:
			'Compares the refunds of one settlement period as Amazon’s financial events list them with the refund lines of Amazon’s settlement report: one item per refund (matched, amount differs, missing in the settlement, missing in the financial events) and a summary item at the end.',
		name: 'reconcileNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	{
		displayName: 'Settlement',
		name: 'settlementFrom',
		type: 'options',
		default: 'latest',
		options: [
			{ name: 'By Financial Event Group ID', value: 'group', description: 'The settlement period as the Finances node lists it (Financial Event Group → Get Many)' },
			{ name: 'By Settlement Report ID', value: 'reportId', description: 'A settlement report found with the Reports node (Settlement Report → Get Many)' },
			{ name: 'Latest Settlement', value: 'latest', description: 'The newest settlement report Amazon has published' },
		],
		displayOptions,
	},
	{
		displayName: 'Settlement Report ID',
		name: 'settlementReportId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12345678901',
		description: 'The report ID of a flat-file settlement report',
		displayOptions: { show: { ...show, settlementFrom: ['reportId'] } },
	},
	{
		displayName: 'Financial Event Group ID',
		name: 'financialEventGroupId',
		type: 'string',
		required: true,
		default: '',
		description: 'The closed settlement period to check, as listed by the Finances node (Financial Event Group → Get Many)',
		displayOptions: { show: { ...show, settlementFrom: ['group'] } },
	},
	marketplacesProperty({
		displayOptions: { show: { ...show, settlementFrom: ['latest'] } },
		hint: 'Empty: the latest settlement of any store',
		description:
			'Only settlements of these Amazon stores (each currency has its own settlement); empty means any. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	}),
	{
		displayName: 'Settlement Report Layout',
		name: 'settlementLayout',
		type: 'options',
		default: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
		options: [
			{ name: 'Flat File (Amount Columns)', value: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE' },
			{ name: 'Flat File V2 (One Line per Amount)', value: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2' },
		],
		description: 'Amazon publishes every settlement in several layouts; both flat files hold the same money',
		displayOptions: { show: { ...show, settlementFrom: ['latest', 'group'] } },
	},
	{
		displayName: 'Refund Types',
		name: 'reconcileKinds',
		type: 'multiOptions',
		default: ['chargeback', 'guaranteeClaim', 'refund'],
		options: REFUND_KINDS.filter((kind) => (COMPARABLE_KINDS as readonly string[]).includes(kind.value))
			.map((kind) => ({ name: kind.name, value: kind.value, description: kind.description }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		description: 'Which kinds of refunds to compare (the kinds a settlement report lists per order)',
		displayOptions,
	},
	{
		displayName: 'Output',
		name: 'outputRows',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'Every Refund and the Summary', value: 'all' },
			{ name: 'Only Differences and the Summary', value: 'differences', description: 'Leave out refunds that match' },
			{ name: 'Only the Summary', value: 'summary' },
		],
		displayOptions,
	},
	messageLanguageProperty(displayOptions, { description: 'Language of the "message" fields, ready to paste into Slack or DingTalk' }),
	optionsProperty(displayOptions),
];

const REPORT_ID = /^\d{1,20}$/;

interface Settings {
	from: 'latest' | 'reportId' | 'group';
	reportId?: string;
	groupId?: string;
	marketplaceIds: string[];
	layout: SettlementReportType;
	kinds: Set<ComparableKind>;
	output: 'all' | 'differences' | 'summary';
	language: MessageLanguage;
	includeResponseMetadata: boolean;
	amountStyle: AmountStyle;
}

/** Everything checked before the first call. */
function readSettings(context: IExecuteFunctions, client: SpApiClient): Settings {
	const from = context.getNodeParameter('settlementFrom', 0, 'latest') as Settings['from'];
	if (!['latest', 'reportId', 'group'].includes(from)) throw new InputError(tr`"${String(from)}" is not a way to pick the settlement.`);
	const settings: Settings = {
		from,
		marketplaceIds: [],
		layout: context.getNodeParameter('settlementLayout', 0, 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2') as SettlementReportType,
		kinds: new Set(),
		output: context.getNodeParameter('outputRows', 0, 'all') as Settings['output'],
		language: context.getNodeParameter('messageLanguage', 0, 'en') as MessageLanguage,
		includeResponseMetadata: (context.getNodeParameter('options', 0, {}) as IDataObject).includeResponseMetadata === true,
		amountStyle: amountStyleOf(context.getNode()),
	};
	if (from === 'reportId') {
		const reportId = String(context.getNodeParameter('settlementReportId', 0, '')).trim();
		if (!REPORT_ID.test(reportId)) {
			throw new InputError(tr`"${reportId}" in "Settlement Report ID" is not a report ID. Report IDs are numbers such as 12345678901 (Reports node → Settlement Report → Get Many).`);
		}
		settings.reportId = reportId;
	} else if (from === 'group') {
		const groupId = String(context.getNodeParameter('financialEventGroupId', 0, '')).trim();
		if (!groupId || /\s/.test(groupId)) {
			throw new InputError(tr`"${groupId}" in "Financial Event Group ID" is not a group ID. Take it from the Finances node (Financial Event Group → Get Many).`);
		}
		settings.groupId = groupId;
	} else {
		settings.marketplaceIds = readMarketplaces(context, 'marketplaceIds', 0, client.credentials.region).map((marketplace) => marketplace.id);
	}
	if (!READABLE_LAYOUTS.includes(settings.layout)) throw new InputError(tr`"${settings.layout}" is not a flat-file settlement layout (${READABLE_LAYOUTS.join(', ')}).`);
	const kinds = context.getNodeParameter('reconcileKinds', 0, [...COMPARABLE_KINDS]) as string[];
	for (const kind of Array.isArray(kinds) ? kinds : []) {
		if (!(COMPARABLE_KINDS as readonly string[]).includes(kind)) throw new InputError(tr`"${kind}" cannot be compared with a settlement. Use: ${COMPARABLE_KINDS.join(', ')}.`);
		settings.kinds.add(kind as ComparableKind);
	}
	if (settings.kinds.size === 0) throw new InputError(tr`Pick at least one refund type in "Refund Types".`);
	if (!['all', 'differences', 'summary'].includes(settings.output)) throw new InputError(tr`"${settings.output}" is not an output choice.`);
	return settings;
}

interface Resolved {
	settlement: ReadSettlement;
	group: EventGroupInfo;
	mappedBy: MappedBy;
	mappingNote?: string;
	metadata?: ResponseMetadata;
}

async function resolve(client: SpApiClient, settings: Settings, now: number): Promise<Resolved> {
	if (settings.from === 'group') {
		const group = await findEventGroup(client, settings.groupId!, now);
		const settlement = await settlementForGroup(client, group, settings.layout, settings.kinds, now);
		return { settlement, group, mappedBy: settlement.mappedBy, mappingNote: settlement.summaryProblem };
	}
	const { report, metadata } = settings.from === 'reportId' ? await settlementReportById(client, settings.reportId!) : await latestSettlementReport(client, settings.layout, settings.marketplaceIds);
	const settlement = await readSettlement(client, report, settings.kinds, metadata);
	const mapping = await groupForSettlement(client, settlement.summary, now);
	return { settlement, group: mapping.group, mappedBy: mapping.mappedBy, mappingNote: mapping.summaryProblem, metadata };
}

function summaryMessage(resolved: Resolved, rows: readonly ReconcileRow[], language: MessageLanguage): string {
	const { summary } = resolved.settlement;
	const counts = countsOf(rows);
	const totals = totalsJson(totalsOf(rows));
	const period = `${(summary.start ?? '?').slice(0, 10)} – ${(summary.end ?? '?').slice(0, 10)}`;
	const money = totals.map((total) => `${total.eventsRefundTotal} / ${total.settlementRefundTotal} ${total.currency}`).join(', ');
	const differences = counts.amountDiffers + counts.missingInSettlement + counts.missingInEvents;
	if (language === 'zh') {
		const head = `结算 ${summary.settlementId}（${period}，${summary.currency}）：比对 ${rows.length} 笔退款，${counts.matched} 笔一致`;
		const tail = differences === 0 ? '，全部一致。' : `，${counts.amountDiffers} 笔金额不同，${counts.missingInSettlement} 笔不在结算中，${counts.missingInEvents} 笔不在财务事件中。`;
		return `${head}${tail}退款合计（财务事件 / 结算）：${money || '0'}。${periodNote(summary, language)}`;
	}
	const head = `Settlement ${summary.settlementId} (${period}, ${summary.currency}): ${rows.length} refund${rows.length === 1 ? '' : 's'} compared, ${counts.matched} matched`;
	const tail =
		differences === 0
			? ', no differences.'
			: `, ${counts.amountDiffers} with a different amount, ${counts.missingInSettlement} missing in the settlement, ${counts.missingInEvents} missing in the financial events.`;
	return `${head}${tail} Refund totals (financial events / settlement): ${money || 'none'}.${periodNote(summary, language)}`;
}

/** Said when the settlement line's dates could not be read and the report's own period stood in. */
function periodNote(summary: ReadSettlement['summary'], language: MessageLanguage): string {
	if (summary.periodFrom !== 'report') return '';
	const written = Object.entries(summary.unreadableDates ?? {})
		.map(([column, text]) => `${column} "${text}"`)
		.join(', ');
	return language === 'zh'
		? ` 结算报告中的日期无法识别（${written}），结算期间取自报告本身的 dataStartTime / dataEndTime。`
		: ` The settlement's dates could not be read (${written}), so the settlement period is the report's own dataStartTime / dataEndTime.`;
}

function summaryJson(resolved: Resolved, rows: readonly ReconcileRow[], eventLines: number, settings: Settings): IDataObject {
	const { settlement, group } = resolved;
	const { summary, report } = settlement;
	const counts = countsOf(rows);
	const totals = totalsJson(totalsOf(rows));
	const own = totals.find((total) => total.currency === summary.currency);
	const timeZone = report.marketplaceIds?.length ? findMarketplace(report.marketplaceIds[0])?.timeZone : undefined;
	const groupTotal = group.originalTotal;
	const zero = money(0, summary.currency).amount;
	const exact = {
		eventsRefundTotal: own ? String(own.eventsRefundTotal) : zero,
		settlementRefundTotal: own ? String(own.settlementRefundTotal) : zero,
		difference: own ? String(own.difference) : zero,
		settlementTotalAmount: summary.total?.amount,
		groupOriginalTotal: groupTotal?.currency === summary.currency ? groupTotal.amount : undefined,
	};
	const asNumber = (text: string | undefined) => (text === undefined ? undefined : amountValue(text, settings.amountStyle));
	// the sentence and the verdict first, then the period, counts and totals (numbers a sheet can sum), ids, exact text last
	const json = withoutUndefined<IDataObject>({
		recordType: 'summary',
		message: summaryMessage(resolved, rows, settings.language),
		allMatched: counts.amountDiffers + counts.missingInSettlement + counts.missingInEvents === 0,
		settlementStartLocal: timeZone && summary.start?.includes('T') ? toLocalIso(summary.start, timeZone) : undefined,
		settlementEndLocal: timeZone && summary.end?.includes('T') ? toLocalIso(summary.end, timeZone) : undefined,
		currency: summary.currency,
		compared: rows.length,
		...counts,
		eventsRefundTotal: asNumber(exact.eventsRefundTotal),
		settlementRefundTotal: asNumber(exact.settlementRefundTotal),
		difference: asNumber(exact.difference),
		settlementTotalAmount: asNumber(exact.settlementTotalAmount),
		groupOriginalTotal: asNumber(exact.groupOriginalTotal),
		settlementTotalMatchesGroup: summary.total && groupTotal?.currency === summary.currency ? summary.total.amount === groupTotal.amount : undefined,
		depositDate: summary.depositDate,
		settlementStart: summary.start,
		settlementEnd: summary.end,
		settlementId: summary.settlementId,
		financialEventGroupId: group.financialEventGroupId,
		mappedBy: resolved.mappedBy,
		mappingNote: resolved.mappingNote,
		settlementReportId: report.reportId,
		settlementReportType: report.reportType,
		// when the settlement line's dates could not be read and the report's own period stood in
		settlementPeriodFrom: summary.periodFrom === 'report' ? 'reportDataTimes' : undefined,
		unreadableDates: summary.unreadableDates,
		groupProcessingStatus: group.processingStatus,
		totals,
		refundLinesInEvents: eventLines,
		amountLinesInSettlement: settlement.reader.refundLines,
		eventsRefundTotalExact: exact.eventsRefundTotal,
		settlementRefundTotalExact: exact.settlementRefundTotal,
		differenceExact: exact.difference,
		settlementTotalAmountExact: exact.settlementTotalAmount,
		groupOriginalTotalExact: exact.groupOriginalTotal,
	});
	if (settings.includeResponseMetadata && resolved.metadata) json.responseMetadata = responseMetadataJson(resolved.metadata);
	return json;
}

export async function executeBatch(this: IExecuteFunctions, client: SpApiClient): Promise<INodeExecutionData[]> {
	const now = Date.now();
	const settings = readSettings(this, client);
	const resolved = await resolve(client, settings, now);
	const records: RefundRecord[] = [];
	const refunds = fetchRefunds(client, {
		source: 'financialEvents',
		selection: { by: 'group', financialEventGroupId: resolved.group.financialEventGroupId },
		kinds: settings.kinds as Set<RefundKind>,
		marketplaces: [],
	});
	for await (const { refund } of refunds) records.push(refund);
	const rows = reconcileRefunds(eventRefundEntries(records, settings.kinds), resolved.settlement.reader.refunds());
	const context = {
		settlementId: resolved.settlement.summary.settlementId,
		financialEventGroupId: resolved.group.financialEventGroupId,
		currency: resolved.settlement.summary.currency,
		language: settings.language,
		amountStyle: settings.amountStyle,
	};
	const shown = settings.output === 'summary' ? [] : settings.output === 'differences' ? rows.filter((row) => row.status !== 'matched') : rows;
	const inputs = this.getInputData();
	const pairedItem = (inputs.length > 0 ? inputs : [{ json: {} }]).map((_, item) => ({ item }));
	return [...shown.map((row) => reconcileRowJson(row, context)), summaryJson(resolved, rows, records.length, settings)].map((json) => ({ json, pairedItem }));
}
