import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { parseDateInput, toUtcIso } from '../../../sp-api/dates';
import { tr } from '../../../sp-api/i18n/translate';
import { messageLanguageProperty, type MessageLanguage } from '../../../sp-api/n8n/messageLanguage';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { asnItemsOf, statusLinesOf, type AsnItem, type StatusLine } from '../../logic/records';
import { list, object, text } from '../../../sp-api/json';
import { shortageWatch, unacknowledgedAsns, type CountFrom, type WatchOutput } from '../../logic/shortageWatch';
import { listItems } from '../shared/calls';
import { MAX_LOOKBACK_DAYS, readWholeNumber, vendorCodeField } from '../shared/fields';

const show = { resource: ['purchaseOrder'], operation: ['shortageWatch'] };
const displayOptions = { show };
const DAY_MS = 86_400_000;
/** ASNs for POs outside the period are looked up one by one, at most this many per run. */
export const MAX_PO_LOOKUPS = 50;

export const description: INodeProperties[] = [
	{
		displayName:
			'Amazon gives no shortage claims or chargebacks through its API. Shortage Watch finds, from your POs, ASNs and Amazon\'s receipts, the lines where Amazon received less than you shipped — before Amazon deducts them — and how long your agreement leaves you to dispute.',
		name: 'watchNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	{
		displayName: 'Purchase Orders of the Last (Days)',
		name: 'lookBackDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_LOOKBACK_DAYS },
		// a literal for n8n's linter
		default: 60,
		description: 'Checks the purchase orders Amazon placed in this many days before "Period Ends At" (at most 180: Amazon keeps POs about six months)',
		displayOptions,
	},
	{
		displayName: 'Period Ends At',
		name: 'periodEnd',
		type: 'dateTime',
		default: '',
		description: 'Empty means now',
		displayOptions,
	},
	{
		displayName: 'Dispute Window in Your Agreement (Days)',
		name: 'disputeWindowDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		required: true,
		default: 0,
		description:
			'How many days your vendor agreement with Amazon gives you to dispute a shortage. Required: ACORN has no default, because the number differs by agreement and marketplace — look it up in your agreement or in Vendor Central.',
		hint: 'Your agreement\'s number of days, not a value from Amazon',
		displayOptions,
	},
	{
		displayName: 'Window Counts From',
		name: 'countFrom',
		type: 'options',
		default: 'lastReceipt',
		options: [
			{ name: "Amazon's Last Receipt of the Line", value: 'lastReceipt', description: 'Or, when Amazon closed the PO without receiving the line, its last update' },
			{ name: 'Ship Date of the ASN', value: 'shipDate' },
		],
		description: 'What your agreement counts the dispute window from',
		displayOptions,
	},
	{
		displayName: 'Lines to Output',
		name: 'output',
		type: 'options',
		default: 'atRisk',
		options: [
			{ name: 'At Risk Only', value: 'atRisk', description: 'Shortages you can still dispute (most urgent first), over-receipts and ASNs for unacknowledged POs' },
			{ name: 'Every Difference', value: 'differences', description: 'Also shortages whose window has closed, and lines still on their way' },
			{ name: 'All Lines', value: 'all', description: 'Every PO line of the period, matched ones too' },
		],
		displayOptions,
	},
	vendorCodeField(show),
	messageLanguageProperty(displayOptions, { description: 'Language of the "message" fields, ready to paste into DingTalk, WeCom or Slack' }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const now = client.nowMs();
	const windowDays = Number(this.getNodeParameter('disputeWindowDays', itemIndex, 0));
	if (!Number.isFinite(windowDays) || windowDays <= 0) {
		throw new InputError(tr`Set "Dispute Window in Your Agreement (Days)": the number of days your vendor agreement gives you to dispute a shortage. ACORN does not guess it.`);
	}
	const lookBackDays = readWholeNumber(this.getNodeParameter('lookBackDays', itemIndex, 60), 'Purchase Orders of the Last (Days)', 1);
	if (lookBackDays > MAX_LOOKBACK_DAYS) throw new InputError(tr`"Purchase Orders of the Last (Days)" can be at most ${MAX_LOOKBACK_DAYS}: Amazon keeps purchase orders in this API for about six months.`);
	const endInput = parseDateInput(this.getNodeParameter('periodEnd', itemIndex, ''), 'Period Ends At', this.getTimezone());
	if (endInput && endInput.getTime() > now) throw new InputError(tr`"Period Ends At" is in the future: pick a past time or leave it empty for now.`);
	const end = endInput ?? new Date(now);
	const start = new Date(end.getTime() - lookBackDays * DAY_MS);
	if (now - start.getTime() > MAX_LOOKBACK_DAYS * DAY_MS) throw new InputError(tr`The period starts more than ${MAX_LOOKBACK_DAYS} days ago: Amazon keeps purchase orders in this API for about six months.`);
	const vendorCode = String(this.getNodeParameter('vendorCode', itemIndex, '')).trim() || undefined;

	// 1. every PO line of the period, week by week (Amazon's 7-day limit)
	const lines: StatusLine[] = [];
	for await (const { item } of listItems<{ payload?: { ordersStatus?: unknown[] } }>(client, {
		key: 'getPurchaseOrdersStatus',
		params: { orderingVendorCode: vendorCode, sortOrder: 'ASC' },
		window: { prefix: 'created', range: { start, end } },
		pageSize: 100,
		keyOf: (item) => text(object(item).purchaseOrderNumber),
		select: (page) => list(object(page.payload).ordersStatus),
	})) {
		lines.push(...statusLinesOf(item));
	}
	// 2. every ASN since the period began (an ASN always comes after its PO)
	const asnItems: AsnItem[] = [];
	for await (const { item } of listItems<{ payload?: { shipments?: unknown[] } }>(client, {
		key: 'GetShipmentDetails',
		// no end: every ASN up to Amazon's now (receipts of the period's POs may come later than the period)
		params: { createdAfter: toUtcIso(start), sortOrder: 'ASC' },
		pageSize: 50,
		select: (page) => list(object(page.payload).shipments),
	})) {
		asnItems.push(...asnItemsOf(item));
	}
	// 3. POs that ASNs name but the period does not hold: looked up one by one
	const byPo = new Map<string, StatusLine[]>();
	for (const line of lines) byPo.set(line.purchaseOrderNumber, [...(byPo.get(line.purchaseOrderNumber) ?? []), line]);
	const unknown = [...new Set(asnItems.filter((item) => item.transactionType !== 'Cancel' && !byPo.has(item.purchaseOrderNumber)).map((item) => item.purchaseOrderNumber))];
	const lookedUp = new Map<string, StatusLine[]>();
	for (const number of unknown.slice(0, MAX_PO_LOOKUPS)) {
		const found: StatusLine[] = [];
		for await (const { item } of listItems<{ payload?: { ordersStatus?: unknown[] } }>(client, {
			key: 'getPurchaseOrdersStatus',
			params: { purchaseOrderNumber: number },
			pageSize: 100,
			select: (page) => list(object(page.payload).ordersStatus),
		})) {
			found.push(...statusLinesOf(item));
		}
		lookedUp.set(number, found);
	}
	if (unknown.length > MAX_PO_LOOKUPS) {
		this.addExecutionHints({
			message: tr`${unknown.length} ASNs name purchase orders from before the period; only the first ${MAX_PO_LOOKUPS} were checked for a missing acknowledgement. Make the period longer to check them all.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	const checkable = new Set([...byPo.keys(), ...lookedUp.keys()]);
	const asnFindings = unacknowledgedAsns(
		asnItems.filter((item) => checkable.has(item.purchaseOrderNumber)),
		(number) => byPo.get(number) ?? lookedUp.get(number),
	);

	const { summary, items } = shortageWatch(lines, asnItems, asnFindings, {
		nowMs: now,
		windowDays,
		countFrom: this.getNodeParameter('countFrom', itemIndex, 'lastReceipt') as CountFrom,
		output: this.getNodeParameter('output', itemIndex, 'atRisk') as WatchOutput,
		language: this.getNodeParameter('messageLanguage', itemIndex, 'en') as MessageLanguage,
		zone: this.getTimezone(),
		period: { start, end },
	});
	return [summary, ...items];
}
