import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { parseDateInput, toLocalIso } from '../../../sp-api/dates';
import { findMarketplace } from '../../../sp-api/marketplaces';
import { limitProperty, marketplacesProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { tr } from '../../../sp-api/i18n/translate';
import { explainEmptyResult, readableTime } from '../../../sp-api/n8n/emptyOutput';
import { findSettlementReports, type AmazonReport, type SettlementReportType } from '../../../sp-api/reports';
import { settlementNotice, settlementTypeProperty } from './fields';

const displayOptions = { show: { resource: ['settlement'], operation: ['getMany'] } };

export const description: INodeProperties[] = [
	settlementNotice(displayOptions),
	settlementTypeProperty(displayOptions),
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
			{ displayName: 'Published Since', name: 'createdSince', type: 'dateTime', default: '', description: 'Empty: 90 days ago', hint: 'Empty: 90 days ago' },
			{ displayName: 'Published Until', name: 'createdUntil', type: 'dateTime', default: '', description: 'Empty: now', hint: 'Empty: now' },
			marketplacesProperty({
				hint: 'Empty: settlements of any store',
				description: 'Only settlements of these Amazon stores. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			}),
		],
	},
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions, options: [includeResponseMetadataOption] },
];

/** One settlement report: its period in the store's time first, then Amazon's ids and UTC times. */
export function settlementItem(report: AmazonReport): IDataObject {
	const marketplace = findMarketplace(report.marketplaceIds?.[0] ?? '');
	const timeZone = marketplace?.timeZone;
	return {
		settlementStartLocal: timeZone ? toLocalIso(report.dataStartTime, timeZone) : undefined,
		settlementEndLocal: timeZone ? toLocalIso(report.dataEndTime, timeZone) : undefined,
		marketplace: marketplace?.domain,
		publishedTime: report.createdTime,
		processingStatus: report.processingStatus,
		reportId: report.reportId,
		reportDocumentId: report.reportDocumentId,
		reportType: report.reportType,
		settlementStart: report.dataStartTime,
		settlementEnd: report.dataEndTime,
		marketplaceIds: report.marketplaceIds,
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const timeZone = this.getTimezone();
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const marketplaceIds =
		Array.isArray(filters.marketplaceIds) && filters.marketplaceIds.length > 0
			? readMarketplaces(this, 'filters.marketplaceIds', itemIndex, client.credentials.region).map((marketplace) => marketplace.id)
			: undefined;
	const out: IDataObject[] = [];
	const filter = {
		reportType: this.getNodeParameter('settlementReportType', itemIndex) as SettlementReportType,
		createdSince: parseDateInput(filters.createdSince, 'Published Since', timeZone),
		createdUntil: parseDateInput(filters.createdUntil, 'Published Until', timeZone),
		marketplaceIds,
	};
	const found = findSettlementReports(client, filter, { limit: readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback)) });
	for await (const { report, page } of found) out.push(withResponseMetadata(settlementItem(report), page.metadata, options.includeResponseMetadata === true));
	if (out.length === 0) {
		explainEmptyResult(
			this,
			tr`No settlement reports to output. Checked ${filter.reportType} published ${readableTime(filter.createdSince ?? new Date(client.nowMs() - 90 * 86_400_000))} to ${readableTime(filter.createdUntil ?? new Date(client.nowMs()))}. Amazon publishes one per settlement period (usually every 14 days) and keeps it 90 days; a new store may not have a closed settlement yet.`,
		);
	}
	return out;
}
