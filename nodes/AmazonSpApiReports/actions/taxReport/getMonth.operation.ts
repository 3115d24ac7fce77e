/**
 * Tax Report → Get Month: the tax reports Amazon offers for the seller's stores, for one month, as rows
 * with exact amounts (see sp-api/reports/taxReports.ts for which report each store gets and how).
 * Empty marketplaces = every store the account sells in.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { tr } from '../../../sp-api/i18n/translate';
import type { Marketplace } from '../../../sp-api/marketplaces';
import { marketplacesProperty } from '../../../sp-api/n8n/commonProperties';
import { addOutputPaneHint } from '../../../sp-api/n8n/emptyOutput';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { createAndWaitForReport, findReports, type AmazonReport } from '../../../sp-api/reports';
import {
	coversMonth,
	GST_REPORT_TYPES,
	latestClosedTaxMonth,
	parseTaxMonth,
	SALES_TAX_REPORT_TYPE,
	taxPlan,
	VAT_FIRST_DAY_OF_MONTH,
	VAT_REPORT_TYPES,
	type GstReportType,
	type TaxMonth,
	type TaxStep,
	type VatReportType,
} from '../../../sp-api/reports/taxReports';
import { storesOfCredential } from '../../../sp-api/sellers/stores';
import { downloadItems, readDownloadSettings } from '../shared/output';
import { readWaitOptions, reportSummary, waitOptions } from '../shared/wait';

const show = { resource: ['taxReport'], operation: ['getMonth'] };
const displayOptions = { show };

export const description: INodeProperties[] = [
	{
		displayName:
			'Gets one month of Amazon’s tax reports for every store: VAT transactions (Europe), GST (India), and the US sales tax report you generated in Seller Central’s Tax Document Library. One item per report line, amounts as exact text.',
		name: 'taxNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	marketplacesProperty({ displayOptions, description: 'Amazon stores to get tax reports for. Empty means every store the account sells in (of the credential’s region).' }),
	{
		displayName: 'Month',
		name: 'month',
		type: 'options',
		default: 'latestClosed',
		options: [
			{ name: 'Latest Finished Month', value: 'latestClosed', description: 'Last month from the 3rd of this month on (UTC), before that the month before: Amazon makes the VAT report of a month from the 3rd of the next' },
			{ name: 'A Month I Choose', value: 'specific' },
		],
		displayOptions,
	},
	{
		displayName: 'Which Month',
		name: 'specificMonth',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-11',
		description: 'Year and month (UTC), as YYYY-MM',
		displayOptions: { show: { ...show, month: ['specific'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Europe: VAT Report',
				name: 'vatReportType',
				type: 'options',
				default: 'GET_VAT_TRANSACTION_DATA',
				options: [
					{ name: 'VAT Transactions (GET_VAT_TRANSACTION_DATA)', value: 'GET_VAT_TRANSACTION_DATA', description: 'Sales, returns, refunds and cross-border movements with their VAT' },
					{ name: 'VAT Calculation (SC_VAT_TAX_REPORT)', value: 'SC_VAT_TAX_REPORT', description: 'VAT calculated by Amazon’s VAT Calculation Service for shipments, returns and refunds' },
				],
			},
			{
				displayName: 'India: GST Report',
				name: 'gstReportType',
				type: 'options',
				default: 'GET_GST_MTR_B2C_CUSTOM',
				options: [
					{ name: 'GST Merchant Tax Report B2C (GET_GST_MTR_B2C_CUSTOM)', value: 'GET_GST_MTR_B2C_CUSTOM' },
					{ name: 'GST Merchant Tax Report B2B (GET_GST_MTR_B2B_CUSTOM)', value: 'GET_GST_MTR_B2B_CUSTOM' },
				],
			},
			...waitOptions,
		],
	},
];

function readMonth(context: IExecuteFunctions, itemIndex: number, nowMs: number): TaxMonth {
	if (context.getNodeParameter('month', itemIndex, 'latestClosed') !== 'specific') return latestClosedTaxMonth(nowMs);
	const text = String(context.getNodeParameter('specificMonth', itemIndex, '') ?? '');
	const month = parseTaxMonth(text);
	if (!month) throw new InputError(tr`"Which Month" must be a year and month like 2026-11, not "${text}".`);
	if (month.end.getTime() > nowMs) throw new InputError(tr`${month.month} has not ended yet: Amazon makes tax reports of finished months.`);
	return month;
}

async function storesFor(context: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<Marketplace[]> {
	const chosen = readMarketplaces(context, 'marketplaceIds', itemIndex, client.credentials.region);
	if (chosen.length) return chosen;
	const stores = (await storesOfCredential(client)).map((store) => store.marketplace);
	if (stores.length === 0) throw new InputError(tr`The seller account sells in no Amazon store of region ${client.credentials.region}: nothing to check.`);
	return stores;
}

/** The seller-generated Sales Tax Report of the month, newest first; undefined when there is none yet. */
async function findSalesTaxReport(client: SpApiClient, marketplace: Marketplace, month: TaxMonth): Promise<AmazonReport | undefined> {
	for await (const { report } of findReports(client, { reportTypes: [SALES_TAX_REPORT_TYPE], processingStatuses: ['DONE'], marketplaceIds: [marketplace.id], createdSince: month.start })) {
		if (report.reportDocumentId && coversMonth(report, month)) return report;
	}
	return undefined;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<INodeExecutionData[]> {
	const now = client.nowMs();
	const month = readMonth(this, itemIndex, now);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const vat = (options.vatReportType as VatReportType | undefined) ?? 'GET_VAT_TRANSACTION_DATA';
	const gst = (options.gstReportType as GstReportType | undefined) ?? 'GET_GST_MTR_B2C_CUSTOM';
	if (!VAT_REPORT_TYPES.includes(vat)) throw new InputError(tr`"${vat}" is not one of Amazon's VAT reports.`);
	if (!GST_REPORT_TYPES.includes(gst)) throw new InputError(tr`"${gst}" is not one of Amazon's GST reports.`);
	const wait = readWaitOptions(this, itemIndex);
	const plan = taxPlan(await storesFor(this, itemIndex, client), { vat, gst });
	const hints: string[] = [];
	if (plan.without.length) hints.push(tr`Amazon offers no tax report through the API for ${plan.without.map((store) => store.countryCode).join(', ')}: those stores are left out.`);
	const vatTooEarly = vat === 'GET_VAT_TRANSACTION_DATA' && Date.UTC(month.end.getUTCFullYear(), month.end.getUTCMonth() + 1, VAT_FIRST_DAY_OF_MONTH) > now;

	const out: INodeExecutionData[] = [];
	const rowSettings = (step: TaxStep) => {
		// every tax report row with exact amounts and ISO dates: the typed values of the report type
		const settings = readDownloadSettings(this, itemIndex, step.reportType, step.marketplaces[0]);
		return { ...settings, output: 'items' as const, limit: undefined, rowOptions: { ...settings.rowOptions, typed: true } };
	};
	for (const step of plan.steps) {
		const countries = step.marketplaces.map((store) => store.countryCode).join(', ');
		let report: AmazonReport | undefined;
		let documentId: string | undefined;
		if (step.kind === 'find') {
			report = await findSalesTaxReport(client, step.marketplaces[0], month);
			if (!report) {
				hints.push(tr`No Sales Tax Report for ${month.month} yet (${countries}): generate it in Seller Central → Reports → Tax Document Library, then run this again.`);
				continue;
			}
			documentId = report.reportDocumentId;
		} else {
			if (step.reportType === 'GET_VAT_TRANSACTION_DATA' && vatTooEarly) {
				throw new InputError(tr`Amazon makes the VAT transactions report of ${month.month} from the ${VAT_FIRST_DAY_OF_MONTH}rd of the next month: run on or after that day.`);
			}
			const outcome = await createAndWaitForReport(client, { reportType: step.reportType, marketplaceIds: step.marketplaces.map((store) => store.id), dataStartTime: month.start, dataEndTime: month.end }, wait);
			if (outcome.status === 'CANCELLED') {
				hints.push(tr`Amazon found no ${step.reportType} data for ${month.month} (${countries}).`);
				continue;
			}
			report = outcome.report;
			documentId = outcome.reportDocumentId;
		}
		const items = await downloadItems(
			this,
			client,
			{
				reportDocumentId: documentId!,
				reportId: report.reportId,
				reportType: step.reportType,
				marketplaceIds: step.marketplaces.map((store) => store.id),
				summary: reportSummary(report),
				rowFields: { _taxMonth: month.month, _reportType: step.reportType, _reportId: report.reportId },
			},
			rowSettings(step),
		);
		out.push(...items);
	}
	for (const message of hints) addOutputPaneHint(this, message);
	return out;
}
