import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { parseDateInput, toUtcIso } from '../../../sp-api/dates';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { isSettlementReportType, REPORT_TYPE_PATTERN, type AmazonReportSchedule } from '../../../sp-api/reports';
import { readReportOptions, readReportType, reportTypeProperty } from '../shared/fields';
import { PERIODS } from './fields';
import { marketplacesProperty, SELLER_STORES_HINT } from '../../../sp-api/n8n/commonProperties';
import { chosenOrEveryStore } from '../../../sp-api/sellerStores';
import { tr } from '../../../sp-api/i18n/translate';

const displayOptions = { show: { resource: ['schedule'], operation: ['create'] } };

export const description: INodeProperties[] = [
	{
		displayName:
			'Amazon keeps one schedule per report type and set of marketplaces: creating a schedule replaces an existing one for the same report type and marketplaces. The output names the schedule it replaced.',
		name: 'replaceNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	reportTypeProperty(displayOptions, 'The report Amazon should create on this schedule'),
	marketplacesProperty({
		displayOptions,
		hint: SELLER_STORES_HINT,
		description: 'Amazon stores the scheduled reports cover. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	}),
	{ displayName: 'How Often', name: 'period', type: 'options', default: 'P1D', options: PERIODS, description: 'How often Amazon creates the report', displayOptions },
	{
		displayName: 'First Report At',
		name: 'nextReportCreationTime',
		type: 'dateTime',
		default: '',
		description: 'When Amazon should create the first report. Empty: Amazon decides.',
		hint: 'Empty: Amazon decides',
		displayOptions,
	},
	{
		displayName: 'Report Options',
		name: 'reportOptions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add report option',
		default: {},
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
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions, options: [includeResponseMetadataOption] },
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const reportType = readReportType(this, itemIndex);
	if (!REPORT_TYPE_PATTERN.test(reportType)) throw new InputError(tr`"${reportType}" is not a report type name (capital letters and underscores).`);
	if (isSettlementReportType(reportType)) {
		throw new InputError(tr`${reportType} cannot be scheduled: Amazon creates settlement reports by itself for every settlement period. Use "Settlement Report → Get Many" to find them.`);
	}
	const chosen = readMarketplaces(this, 'marketplaceIds', itemIndex, client.credentials.region);
	const period = String(this.getNodeParameter('period', itemIndex, 'P1D'));
	const next = parseDateInput(this.getNodeParameter('nextReportCreationTime', itemIndex, ''), 'First Report At', this.getTimezone());
	const reportOptions = readReportOptions(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	// empty: every store the seller sells in, asked of Amazon once every field was found right
	const marketplaceIds = (await chosenOrEveryStore(client, chosen)).map((marketplace) => marketplace.id);

	// Which schedule will be replaced: Amazon does it silently, the seller should see it.
	const existing = await client.call<{ reportSchedules?: AmazonReportSchedule[] }>('getReportSchedules', { params: { reportTypes: [reportType] } });
	const sameMarketplaces = (schedule: AmazonReportSchedule) => [...(schedule.marketplaceIds ?? [])].sort().join() === [...marketplaceIds].sort().join();
	const replaced = (existing.data.reportSchedules ?? []).find(sameMarketplaces);

	const body: IDataObject = { reportType, marketplaceIds, period };
	if (next) body.nextReportCreationTime = toUtcIso(next);
	if (reportOptions) body.reportOptions = reportOptions;
	const response = await client.call<{ reportScheduleId?: string }>('createReportSchedule', { body });
	const json: IDataObject = {
		reportScheduleId: response.data.reportScheduleId,
		reportType,
		marketplaceIds,
		period,
		nextReportCreationTime: body.nextReportCreationTime as string | undefined,
		replacedSchedule: replaced ? ({ ...replaced } as IDataObject) : null,
		message: replaced
			? tr`This schedule replaces schedule ${replaced.reportScheduleId} (${replaced.period}) for the same report type and marketplaces.`
			: tr`New schedule created.`,
	};
	return [withResponseMetadata(json, response.metadata, options.includeResponseMetadata === true)];
}
