/** Fields several Reports operations share: report type picker, dates, report options, report id. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parseDateInput } from '../../../sp-api/dates';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import type { CreateReportRequest } from '../../../sp-api/reports';
import { marketplacesProperty } from '../../../sp-api/n8n/commonProperties';

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

export function createReportProperties(displayOptions: DisplayOptions): INodeProperties[] {
	return [
		reportTypeProperty(displayOptions),
		marketplacesProperty({
			required: true,
			description:
				'Amazon stores the report covers; in an expression, country codes (e.g. US, DE, JP) work too. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions,
		}),
		{
			displayName: 'Data Start',
			name: 'dataStartTime',
			type: 'dateTime',
			default: '',
			description: 'Start of the period the report covers. Empty: Amazon\'s default for the report type (for many types, no data).',
			displayOptions,
		},
		{
			displayName: 'Data End',
			name: 'dataEndTime',
			type: 'dateTime',
			default: '',
			description: 'End of the period the report covers. Empty: now.',
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
	if (!value) throw new InputError('Choose a report type.');
	return value;
}

export function readReportId(context: IExecuteFunctions, itemIndex: number): string {
	const value = String(context.getNodeParameter('reportId', itemIndex, '') ?? '').trim();
	if (!value) throw new InputError('Enter the report ID (from "Report → Create" or "Report → Get Many").');
	return value;
}

export function readReportOptions(context: IExecuteFunctions, itemIndex: number): Record<string, string> | undefined {
	const raw = context.getNodeParameter('reportOptions', itemIndex, {}) as { option?: Array<{ key?: string; value?: unknown }> };
	const entries = (raw.option ?? []).filter((entry) => String(entry.key ?? '').trim() !== '');
	if (entries.length === 0) return undefined;
	return Object.fromEntries(entries.map((entry) => [String(entry.key).trim(), String(entry.value ?? '')]));
}

/** The fields of create / create-and-download / schedule, checked before any call. */
export function readCreateRequest(context: IExecuteFunctions, itemIndex: number, region: Parameters<typeof readMarketplaces>[3]): CreateReportRequest {
	const timeZone = context.getTimezone();
	const marketplaces = readMarketplaces(context, 'marketplaceIds', itemIndex, region);
	return {
		reportType: readReportType(context, itemIndex),
		marketplaceIds: marketplaces.map((marketplace) => marketplace.id),
		dataStartTime: parseDateInput(context.getNodeParameter('dataStartTime', itemIndex, ''), 'Data Start', timeZone),
		dataEndTime: parseDateInput(context.getNodeParameter('dataEndTime', itemIndex, ''), 'Data End', timeZone),
		reportOptions: readReportOptions(context, itemIndex),
	};
}
