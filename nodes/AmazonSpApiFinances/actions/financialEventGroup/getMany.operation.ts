import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { latestAllowedBefore, parseDateInput, splitRange, toUtcIso } from '../../../sp-api/dates';
import { readAmazonMoney } from '../../../sp-api/money';
import { limitProperty, optionsProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { tr } from '../../../sp-api/i18n/translate';
import { explainEmptyResult, readableTime } from '../../../sp-api/n8n/emptyOutput';
import { paginateItems } from '../../../sp-api/pagination';

const displayOptions = { show: { resource: ['financialEventGroup'], operation: ['getMany'] } };

/** Amazon returns no groups when the two dates are further apart. */
const MAX_RANGE_DAYS = 180;
const DEFAULT_LOOKBACK_DAYS = 90;

export const description: INodeProperties[] = [
	{
		displayName: 'Started After',
		name: 'startedAfter',
		type: 'dateTime',
		default: '',
		description: `Settlement periods that opened at or after this time. Empty means ${DEFAULT_LOOKBACK_DAYS} days ago.`,
		hint: 'Empty: 90 days ago',
		displayOptions,
	},
	{
		displayName: 'Started Before',
		name: 'startedBefore',
		type: 'dateTime',
		default: '',
		description: 'Settlement periods that opened before this time. Empty means now.',
		hint: 'Empty: now',
		displayOptions,
	},
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	optionsProperty(displayOptions),
];

interface EventGroup {
	FinancialEventGroupId?: string;
	ProcessingStatus?: string;
	FundTransferStatus?: string;
	OriginalTotal?: unknown;
	ConvertedTotal?: unknown;
	BeginningBalance?: unknown;
	FundTransferDate?: string;
	TraceId?: string;
	AccountTail?: string;
	FinancialEventGroupStart?: string;
	FinancialEventGroupEnd?: string;
}

interface GroupsPage {
	payload?: { FinancialEventGroupList?: EventGroup[] };
}

/** Flat, readable fields first; Amazon's original object under `raw`. */
export function flattenEventGroup(group: EventGroup): IDataObject {
	const original = readAmazonMoney(group.OriginalTotal);
	const converted = readAmazonMoney(group.ConvertedTotal);
	const beginning = readAmazonMoney(group.BeginningBalance);
	return {
		financialEventGroupId: group.FinancialEventGroupId,
		processingStatus: group.ProcessingStatus,
		fundTransferStatus: group.FundTransferStatus,
		groupStart: group.FinancialEventGroupStart,
		groupEnd: group.FinancialEventGroupEnd,
		fundTransferDate: group.FundTransferDate,
		originalTotal: original ? { ...original } : undefined,
		convertedTotal: converted ? { ...converted } : undefined,
		beginningBalance: beginning ? { ...beginning } : undefined,
		traceId: group.TraceId,
		accountTail: group.AccountTail,
		raw: group as IDataObject,
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const timeZone = this.getTimezone();
	const now = Date.now();
	const after =
		parseDateInput(this.getNodeParameter('startedAfter', itemIndex, ''), 'Started After', timeZone) ??
		new Date(now - DEFAULT_LOOKBACK_DAYS * 86_400_000);
	const latest = latestAllowedBefore(now);
	const requestedBefore = parseDateInput(this.getNodeParameter('startedBefore', itemIndex, ''), 'Started Before', timeZone);
	const before = requestedBefore && requestedBefore < latest ? requestedBefore : latest;
	if (after >= latest) throw new InputError(tr`"Started After" is in the future (or less than two minutes ago): Amazon has no settlement periods there yet.`);
	if (after >= before) throw new InputError(tr`"Started After" must be earlier than "Started Before".`);
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };

	const out: IDataObject[] = [];
	for (const window of splitRange({ start: after, end: before }, MAX_RANGE_DAYS)) {
		const remaining = limit === undefined ? undefined : limit - out.length;
		if (remaining !== undefined && remaining <= 0) break;
		const pages = paginateItems<EventGroup, GroupsPage>(
			client,
			'listFinancialEventGroups',
			{
				params: {
					MaxResultsPerPage: 100,
					FinancialEventGroupStartedAfter: toUtcIso(window.start),
					FinancialEventGroupStartedBefore: toUtcIso(window.end),
				},
			},
			(page) => page.payload?.FinancialEventGroupList ?? [],
			{ limit: remaining },
		);
		for await (const { item, page } of pages) {
			out.push(withResponseMetadata(flattenEventGroup(item), page.metadata, options.includeResponseMetadata === true));
		}
	}
	if (out.length === 0) {
		explainEmptyResult(this, tr`No settlement periods to output. Checked periods that opened ${readableTime(after)} to ${readableTime(before)}. Amazon opens one about every 14 days; for older ones set an earlier "Started After".`);
	}
	return out;
}
