/** Fields several Reports operations share: report type picker, dates, report options, report id. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parseDateInput } from '../../../sp-api/dates';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import type { SpApiClient } from '../../../sp-api/client';
import { effectiveDataStart, validateCreateRequest, type CreateReportRequest } from '../../../sp-api/reports';
import { marketplacesProperty, SELLER_STORES_HINT } from '../../../sp-api/n8n/commonProperties';
import { chosenOrEveryStore } from '../../../sp-api/sellerStores';
import { tr } from '../../../sp-api/i18n/translate';

type DisplayOptions = INodeProperties['displayOptions'];

export function reportTypeProperty(displayOptions: DisplayOptions, description = 'The report to request. Pick one from the list (type to search), or enter any report type name Amazon documents.'): INodeProperties {
	return {
		displayName: 'Report Type',
		name: 'reportType',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Search report types…',
				typeOptions: { searchListMethod: 'searchReportTypes', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. GET_FBA_REIMBURSEMENTS_DATA',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[A-Z][A-Z0-9_]*$', errorMessage: 'Report type names are capital letters, digits and underscores' },
					},
				],
			},
		],
	};
}

export function reportIdProperty(displayOptions: DisplayOptions, description = 'The report ID Amazon returned when the report was requested (a number such as 50123456789)'): INodeProperties {
	return { displayName: 'Report ID', name: 'reportId', type: 'string', default: '', required: true, description, displayOptions };
}

/** Under "Data Start": what empty means, per kind of report (reports/dataPeriod.ts). */
const DATA_START_HINT =
	'Empty: a period with data for the report type — the last 30 days for returns, reimbursements, payments, tax and analytics; the last 7 days for orders and FBA shipments; no dates for reports about now (inventory, listings). The output shows the period used.';

export function createReportProperties(displayOptions: DisplayOptions): INodeProperties[] {
	return [
		reportTypeProperty(displayOptions),
		marketplacesProperty({
			hint: SELLER_STORES_HINT,
			description:
				'Amazon stores the report covers (Amazon needs at least one; empty means every store you sell in); in an expression, country codes (e.g. US, DE, JP) work too. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions,
		}),
		{
			displayName: 'Data Start',
			name: 'dataStartTime',
			type: 'dateTime',
			default: '',
			placeholder: 'Empty = last 30 days (orders: 7)',
			description: 'Start of the period the report covers',
			hint: DATA_START_HINT,
			displayOptions,
		},
		{
			displayName: 'Data End',
			name: 'dataEndTime',
			type: 'dateTime',
			default: '',
			placeholder: 'Empty = now',
			description: 'End of the period the report covers',
			hint: 'Empty: now',
			displayOptions,
		},
		{
			displayName: 'Report Options',
			name: 'reportOptions',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add report option',
			default: {},
			description: 'Extra settings some report types accept, as Amazon names them (e.g. reportPeriod = WEEK)',
			displayOptions,
			options: [
				{
					displayName: 'Option',
					name: 'option',
					values: [
						{ displayName: 'Name', name: 'key', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
	];
}

export function readReportType(context: IExecuteFunctions, itemIndex: number, name = 'reportType'): string {
	const value = String(context.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!value) throw new InputError(tr`Choose a report type.`);
	return value;
}

export function readReportId(context: IExecuteFunctions, itemIndex: number): string {
	const value = String(context.getNodeParameter('reportId', itemIndex, '') ?? '').trim();
	if (!value) throw new InputError(tr`Enter the report ID (from "Report → Create" or "Report → Get Many").`);
	return value;
}

export function readReportOptions(context: IExecuteFunctions, itemIndex: number): Record<string, string> | undefined {
	const raw = context.getNodeParameter('reportOptions', itemIndex, {}) as { option?: Array<{ key?: string; value?: unknown }> };
	const entries = (raw.option ?? []).filter((entry) => String(entry.key ?? '').trim() !== '');
	if (entries.length === 0) return undefined;
	return Object.fromEntries(entries.map((entry) => [String(entry.key).trim(), String(entry.value ?? '')]));
}

/**
 * The fields of create / create-and-download, checked before any call. Empty Data Start: the report type's
 * period (reports/dataPeriod.ts); no marketplace: every store the seller sells in within the credential's
 * region, asked of Amazon only once everything else was found right.
 */
export async function readCreateRequest(context: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<CreateReportRequest> {
	const timeZone = context.getTimezone();
	const reportType = readReportType(context, itemIndex);
	const chosen = readMarketplaces(context, 'marketplaceIds', itemIndex, client.credentials.region);
	const dataEndTime = parseDateInput(context.getNodeParameter('dataEndTime', itemIndex, ''), 'Data End', timeZone);
	const given = parseDateInput(context.getNodeParameter('dataStartTime', itemIndex, ''), 'Data Start', timeZone);
	const request: CreateReportRequest = {
		reportType,
		marketplaceIds: chosen.map((marketplace) => marketplace.id),
		dataStartTime: effectiveDataStart(reportType, { start: given, end: dataEndTime }, client.nowMs()),
		dataEndTime,
		reportOptions: readReportOptions(context, itemIndex),
	};
	validateCreateRequest(request, client.nowMs(), { storesLater: true });
	if (chosen.length === 0) request.marketplaceIds = (await chosenOrEveryStore(client, [])).map((marketplace) => marketplace.id);
	return request;
}
