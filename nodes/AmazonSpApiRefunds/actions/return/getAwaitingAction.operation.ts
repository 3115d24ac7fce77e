import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { limitProperty, optionsProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { awaitingFields, awaitingRequests, type AwaitingSettings, type MessageLanguage } from '../../logic/awaiting';
import { emptyReturnsStats, fetchReturnLines, type FetchedReturnLine } from '../../logic/fetchReturns';
import { tr } from '../../../sp-api/i18n/translate';
import { explainEmptyResult, storesInWords } from '../../../sp-api/n8n/emptyOutput';
import { lookUpReasonTexts, reasonTextFor } from '../../logic/reasonTexts';
import { returnLineJson } from '../../logic/returnLines';
import { mfnLayoutOption, readReturnsQuery, reasonTextProperties, returnMarketplacesProperty, returnsWaitOptions } from './fields';
import { messageLanguageProperty } from '../../../sp-api/n8n/messageLanguage';

const show = { resource: ['return'], operation: ['getAwaitingAction'] };
const displayOptions = { show };

export const description: INodeProperties[] = [
	{
		displayName:
			'Reads Amazon’s seller-fulfilled returns report and keeps the return requests whose status is still "Pending…" (waiting for you to authorise or close them), most urgent first, with the hours left to respond.',
		name: 'awaitingNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	returnMarketplacesProperty(show),
	{
		displayName: 'Requests From the Last (Days)',
		name: 'requestedWithinDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 365 },
		default: 14,
		description: 'How far back to look for return requests that are still waiting',
		displayOptions,
	},
	{
		displayName: 'Response Window (Hours)',
		name: 'responseWindowHours',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 48,
		description:
			'How long you have to answer a return request, counted from the request. Check Amazon’s current rule for your store (Amazon’s US help asks for an answer within 24 hours for requests that need manual authorisation).',
		displayOptions,
	},
	...reasonTextProperties(show),
	messageLanguageProperty(displayOptions),
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	optionsProperty(displayOptions, [
		{
			displayName: 'Also Count as Waiting',
			name: 'extraStatuses',
			type: 'string',
			default: '',
			placeholder: 'e.g. Authorization Required',
			description: 'More request status values (comma-separated) that mean the request waits for you; statuses starting with "Pending" always do',
		},
		{
			displayName: 'Include Overdue Requests',
			name: 'includeOverdue',
			type: 'boolean',
			default: true,
			description: 'Whether to include requests whose response window has already closed (shown first, with negative hours left)',
		},
		mfnLayoutOption('xml'),
		...returnsWaitOptions,
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const now = Date.now();
	const days = Number(this.getNodeParameter('requestedWithinDays', itemIndex, 14));
	if (!(days > 0)) throw new InputError(tr`"Requests From the Last (Days)" must be more than zero.`);
	const windowHours = Number(this.getNodeParameter('responseWindowHours', itemIndex, 48));
	if (!(windowHours > 0)) throw new InputError(tr`"Response Window (Hours)" must be more than zero.`);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const query = await readReturnsQuery(this, itemIndex, client, { start: new Date(now - days * 86_400_000), end: new Date(now) }, { reports: ['mfn'], mfnLayout: 'xml' });
	const settings: AwaitingSettings = {
		nowMs: now,
		windowHours,
		extraStatuses: String(options.extraStatuses ?? '')
			.split(',')
			.map((status) => status.trim())
			.filter(Boolean),
		includeOverdue: options.includeOverdue !== false,
		language: this.getNodeParameter('messageLanguage', itemIndex, 'en') as MessageLanguage,
	};
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));

	// every line is read: the most urgent request may be the last line of the last report
	const fetched: FetchedReturnLine[] = [];
	const stats = emptyReturnsStats();
	for await (const entry of fetchReturnLines(client, query, stats)) fetched.push(entry);
	const metadataOf = new Map(fetched.map(({ line, metadata }) => [line, metadata]));
	const waiting = awaitingRequests(
		fetched.map(({ line }) => line),
		settings,
	);
	const selected = limit === undefined ? waiting : waiting.slice(0, limit);
	if (selected.length === 0) {
		explainEmptyResult(
			this,
			tr`No return request waits for you. Checked ${stats.lines} seller-fulfilled return lines of ${storesInWords(query.marketplaces, '')} requested in the last ${days} days: none has a "Pending…" status${settings.includeOverdue ? '' : tr` within its response window`}.`,
		);
	}
	const reasons = (this.getNodeParameter('lookUpReasons', itemIndex, true) as boolean)
		? await lookUpReasonTexts(
				this.getNode(),
				client,
				selected.map(({ line }) => ({ reason: line.row?.reason, sellerSku: line.row?.sellerSku, marketplaceId: line.marketplace.id })),
				String(this.getNodeParameter('language', itemIndex, '')).trim(),
			)
		: new Map();
	return selected.map((request) => {
		const reasonText = reasonTextFor(reasons, request.line.marketplace.id, request.line.row?.reason).text;
		const line = returnLineJson(request.line, reasons);
		const { raw, ...fields } = line;
		const awaiting = awaitingFields(request, settings, reasonText?.description);
		// how urgent first, then which return (store, order, SKU, …), Amazon's row last
		const json: IDataObject = { respondByLocal: awaiting.respondByLocal, hoursLeft: awaiting.hoursLeft, overdue: awaiting.overdue, ...fields, ...awaiting, raw };
		const metadata = metadataOf.get(request.line);
		return metadata ? withResponseMetadata(json, metadata, options.includeResponseMetadata === true) : json;
	});
}
