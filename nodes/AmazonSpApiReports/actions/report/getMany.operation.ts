import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { parseDateInput } from '../../../sp-api/dates';
import { limitProperty, marketplacesProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { tr } from '../../../sp-api/i18n/translate';
import { explainEmptyResult, readableTime } from '../../../sp-api/n8n/emptyOutput';
import { findReports, PROCESSING_STATUSES, type ProcessingStatus } from '../../../sp-api/reports';

const displayOptions = { show: { resource: ['report'], operation: ['getMany'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Report Type Names or IDs',
		name: 'reportTypes',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getReportTypes' },
		default: [],
		required: true,
		description: 'Which report types to list (1 to 10). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions,
	},
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Statuses',
				name: 'processingStatuses',
				type: 'multiOptions',
				default: [],
				options: PROCESSING_STATUSES.map((status) => ({ name: status, value: status })),
				description: 'Only reports in these states (DONE = ready to download, CANCELLED = no data or cancelled, FATAL = failed)',
			},
			marketplacesProperty({
				hint: 'Empty: reports of any store',
				description: 'Only reports for at least one of these Amazon stores. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			}),
			{ displayName: 'Created Since', name: 'createdSince', type: 'dateTime', default: '', description: 'Empty: 90 days ago (Amazon keeps reports 90 days)', hint: 'Empty: 90 days ago' },
			{ displayName: 'Created Until', name: 'createdUntil', type: 'dateTime', default: '', description: 'Empty: now', hint: 'Empty: now' },
		],
	},
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions, options: [includeResponseMetadataOption] },
];

export function readTypes(context: IExecuteFunctions, name: string, itemIndex: number): string[] {
	const raw = context.getNodeParameter(name, itemIndex, []) as unknown;
	const types = (Array.isArray(raw) ? raw : String(raw ?? '').split(',')).map((type) => String(type).trim()).filter(Boolean);
	if (types.length === 0) throw new InputError(tr`Choose at least one report type.`);
	return types;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const timeZone = this.getTimezone();
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const marketplaces = Array.isArray(filters.marketplaceIds) && filters.marketplaceIds.length > 0
		? readMarketplacesFrom(this, itemIndex, client)
		: undefined;
	const out: IDataObject[] = [];
	const filter = {
		reportTypes: readTypes(this, 'reportTypes', itemIndex),
		processingStatuses: (filters.processingStatuses as ProcessingStatus[] | undefined)?.length ? (filters.processingStatuses as ProcessingStatus[]) : undefined,
		marketplaceIds: marketplaces,
		createdSince: parseDateInput(filters.createdSince, 'Created Since', timeZone),
		createdUntil: parseDateInput(filters.createdUntil, 'Created Until', timeZone),
	};
	const found = findReports(client, filter, { limit: readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback)) });
	for await (const { report, page } of found) out.push(withResponseMetadata({ ...report } as IDataObject, page.metadata, options.includeResponseMetadata === true));
	if (out.length === 0) {
		const statuses = filter.processingStatuses ? tr` with status ${filter.processingStatuses.join(', ')}` : '';
		const since = readableTime(filter.createdSince ?? new Date(client.nowMs() - 90 * 86_400_000));
		explainEmptyResult(
			this,
			tr`No reports to output. Checked reports of type ${filter.reportTypes.join(', ')}${statuses} created ${since} to ${readableTime(filter.createdUntil ?? new Date(client.nowMs()))}. Amazon keeps reports for 90 days.`,
		);
	}
	return out;
}

function readMarketplacesFrom(context: IExecuteFunctions, itemIndex: number, client: SpApiClient): string[] {
	return readMarketplaces(context, 'filters.marketplaceIds', itemIndex, client.credentials.region).map((marketplace) => marketplace.id);
}
