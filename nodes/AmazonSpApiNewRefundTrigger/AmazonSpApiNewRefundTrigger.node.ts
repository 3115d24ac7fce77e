import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { latestAllowedBefore } from '../sp-api/dates';
import { fetchRefunds, type RefundSource } from '../sp-api/finances/fetchRefunds';
import { resolvePostedRange } from '../sp-api/finances/postedRange';
import { byRefundPostedDate, REFUND_KINDS, type RefundKind, type RefundRecord } from '../sp-api/finances/refunds';
import { createSpApiClient } from '../sp-api/n8n/createClient';
import { spApiNodeMethods } from '../sp-api/n8n/nodeMethods';
import { EVERY_STORE_HINT, marketplacesProperty } from '../sp-api/n8n/commonProperties';
import { keepOwnPollTimes, pollTimesProperty } from '../sp-api/n8n/pollTimes';
import { amountStyleOf } from '../sp-api/n8n/amountStyle';
import { toNodeError } from '../sp-api/n8n/nodeErrors';
import { advance, planWindow, readPollState, takeUnseen, writePollState, type PollWindowSettings } from '../sp-api/n8n/windowedPoll';
import { resolveMarketplaces } from '../sp-api/marketplaces';
import type { ResponseMetadata, SpApiClient } from '../sp-api/client';
import { includeResponseMetadataOption, withResponseMetadata } from '../sp-api/n8n/responseMetadata';
import { refundToJson } from '../sp-api/finances/refundJson';
import { readAmountThresholds, ThresholdError, thresholdFields, type AmountThresholds } from '../sp-api/finances/amountThresholds';
import { editorDescription } from '../sp-api/n8n/editorDescription';
import codex from './AmazonSpApiNewRefundTrigger.node.json';
import { tr } from '../sp-api/i18n/translate';

const HOUR_MS = 3_600_000;

/**
 * Why new triggers check once an hour: Amazon publishes refunds minutes to 48 hours late, so checking more
 * often finds almost nothing sooner, while every check reads the last 48 hours again (listFinancialEvents
 * allows one call every 2 seconds, and a busy store has dozens of pages in 48 hours).
 */
const POLL_TIMES_HINT =
	'Every hour suits Amazon: refunds appear minutes to 48 hours late and each check reads the last 48 hours again, so checking every minute finds nothing sooner and uses up Amazon’s rate limit.';
const DAY_MS = 24 * HOUR_MS;
/**
 * "Fetch Test Event" looks for the newest refund in the last day, then the six days before, then the
 * 23 before those: a busy store answers from the first (small) window, a quiet one still shows something.
 */
const TEST_EVENT_WINDOW_ENDS_DAYS_AGO = [0, 1, 7, 30];

interface TriggerOptions {
	overlapHours?: number;
	maxRemembered?: number;
	includeResponseMetadata?: boolean;
	unlistedCurrencies?: string;
}

interface Found {
	refund: RefundRecord;
	metadata: ResponseMetadata;
}

function readMarketplaceParameter(context: IPollFunctions, region: SpApiClient['credentials']['region']) {
	const raw = context.getNodeParameter('marketplaceIds', []) as unknown;
	const values = (Array.isArray(raw) ? raw : String(raw ?? '').split(',')).map((v) => String(v).trim()).filter(Boolean);
	return resolveMarketplaces(values, region);
}

function readKinds(context: IPollFunctions): Set<RefundKind> {
	const kinds = context.getNodeParameter('kinds', ['refund']) as RefundKind[];
	if (!Array.isArray(kinds) || kinds.length === 0) throw new NodeOperationError(context.getNode(), tr`Pick at least one refund type in "Refund Types".`);
	return new Set(kinds);
}

async function refundsBetween(context: IPollFunctions, client: SpApiClient, start: Date, end: Date): Promise<Found[]> {
	const range = resolvePostedRange({ after: start, before: end, defaultLookbackMs: 0 });
	const out: Found[] = [];
	const query = {
		source: context.getNodeParameter('source', 'financialEvents') as RefundSource,
		selection: { by: 'range' as const, range },
		kinds: readKinds(context),
		marketplaces: readMarketplaceParameter(context, client.credentials.region),
	};
	for await (const found of fetchRefunds(client, query)) out.push(found);
	return out.sort((a, b) => byRefundPostedDate(a.refund, b.refund));
}

/** The seller's amounts per currency, or undefined when none are set (then no fields are added). */
function readThresholds(context: IPollFunctions): AmountThresholds | undefined {
	const raw = context.getNodeParameter('amountThresholds', {}) as { threshold?: Array<{ currency?: unknown; amount?: unknown }> };
	const entries = raw.threshold ?? [];
	if (entries.length === 0) return undefined;
	try {
		return readAmountThresholds(entries, (context.getNodeParameter('options', {}) as TriggerOptions).unlistedCurrencies);
	} catch (error) {
		// a ThresholdError says which entry is wrong; the node error carries it to the seller
		throw new NodeOperationError(context.getNode(), error instanceof ThresholdError ? error.message : (error as Error));
	}
}

function itemOf(context: IPollFunctions, found: Found, includeMetadata: boolean, thresholds: AmountThresholds | undefined): INodeExecutionData {
	const json = refundToJson(found.refund, amountStyleOf(context.getNode()));
	if (thresholds) Object.assign(json, thresholdFields(found.refund.total.amount, found.refund.currency, thresholds));
	return { json: withResponseMetadata(json, found.metadata, includeMetadata) };
}

function includeMetadata(context: IPollFunctions): boolean {
	return (context.getNodeParameter('options', {}) as TriggerOptions).includeResponseMetadata === true;
}

function postedMs(refund: RefundRecord, fallback: number): number {
	const ms = refund.postedDate ? Date.parse(refund.postedDate) : Number.NaN;
	return Number.isFinite(ms) ? ms : fallback;
}

export class AmazonSpApiNewRefundTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon SP-API New Refund Trigger',
		name: 'amazonSpApiNewRefundTrigger',
		icon: { light: 'file:../icons/acorn.svg', dark: 'file:../icons/acorn.dark.svg' },
		group: ['trigger'],
		// 1.1: new triggers check once an hour instead of every minute and give amounts as numbers (plus …Exact
		// text); triggers saved at 1 keep their Poll Times and their text amounts
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: 'New refunds',
		description: 'Starts the workflow once for every new Amazon refund (each refund exactly once)',
		defaults: { name: 'New Amazon Refund' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Literals, not SP_API_CREDENTIAL/SP_API_CREDENTIAL_TEST: n8n's linter reads them from the source.
		credentials: [{ name: 'amazonSpApi', required: true, testedBy: 'amazonSpApiConnectionTest' }],
		properties: [
			// n8n's own default for Poll Times is every minute: kept for triggers saved before 1.1
			pollTimesProperty([{ mode: 'everyMinute' }], { displayOptions: { show: { '@version': [1] } } }),
			pollTimesProperty([{ mode: 'everyHour', minute: 0 }], { hint: POLL_TIMES_HINT, displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } } }),
			{
				displayName:
					'Amazon publishes a refund minutes to 48 hours after it happened. This trigger checks every poll time, looks back over that delay and starts the workflow once per refund line — never twice, also after a restart.',
				name: 'triggerNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Read From',
				name: 'source',
				type: 'options',
				default: 'financialEvents',
				options: [
					{ name: 'Financial Events', value: 'financialEvents', description: 'Amazon’s classic finances API' },
					{ name: 'Transactions (Newer API)', value: 'transactions', description: 'Amazon’s 2024 finances API: also gives ASINs' },
				],
			},
			marketplacesProperty({
				description: 'Amazon stores to watch, several at once. Empty means every store of the credential’s region.',
				hint: EVERY_STORE_HINT,
			}),
			{
				displayName: 'Refund Types',
				name: 'kinds',
				type: 'multiOptions',
				default: ['refund'],
				options: REFUND_KINDS.map((kind) => ({ name: kind.name, value: kind.value, description: kind.description })),
			},
			{
				displayName: 'On First Activation, Look Back (Days)',
				name: 'lookbackDays',
				type: 'number',
				// no fixed decimals: 1 shows as "1", half a day can still be typed as 0.5
				typeOptions: { minValue: 0.05, maxValue: 180 },
				default: 1,
				description: 'When the workflow is first activated, refunds posted this many days back are emitted too (not the whole history)',
			},
			{
				displayName: 'Flag Refunds Above (per Currency)',
				name: 'amountThresholds',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add threshold',
				default: {},
				description:
					'Adds "aboveThreshold" (true or false) to every refund: true when the refunded total is more than the amount of its currency, compared exactly. Branch on it with an If node, e.g. to ask a manager first.',
				options: [
					{
						displayName: 'Threshold',
						name: 'threshold',
						values: [
							{ displayName: 'Currency', name: 'currency', type: 'string', default: '', placeholder: 'e.g. USD' },
							{
								displayName: 'Amount',
								name: 'amount',
								type: 'string',
								default: '',
								placeholder: 'e.g. 100.00',
								description: 'Refunds of more than this (the refunded total, without the minus sign) get aboveThreshold = true',
							},
						],
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Overlap (Hours)',
						name: 'overlapHours',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 168 },
						default: 48,
						description: 'How far each check looks back past the previous one, to catch refunds Amazon publishes late. Amazon’s delay is up to 48 hours.',
					},
					{
						displayName: 'Currencies Without a Threshold',
						name: 'unlistedCurrencies',
						type: 'options',
						default: 'flag',
						options: [
							{ name: 'Flag (aboveThreshold = True)', value: 'flag', description: 'A refund in a currency you gave no amount for is treated as above: safest when refunds need approval' },
							{ name: 'Do Not Flag', value: 'pass', description: 'A refund in a currency you gave no amount for gets aboveThreshold = false' },
						],
						description: 'Only used with "Flag Refunds Above (per Currency)"',
					},
					includeResponseMetadataOption,
					{
						displayName: 'Max Remembered Refunds',
						name: 'maxRemembered',
						type: 'number',
						typeOptions: { minValue: 100 },
						default: 10000,
						description: 'Refunds of the overlap period the trigger remembers to avoid emitting them twice. Raise it only if you get more refunds than this in two days.',
					},
				],
			},
		],
	};

	constructor() {
		// ACORN_LANGUAGE=zh-CN shows this node in Chinese (nodes/sp-api/i18n); English stays the default.
		// Also: the canvas subtitle in words and docs links into the README of that language.
		this.description = editorDescription(this.description, codex);
		this.description.properties = keepOwnPollTimes(this.description.properties);
	}

	methods = spApiNodeMethods;

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		try {
			const client = await createSpApiClient(this);
			return this.getMode() === 'manual' ? await testEvent(this, client) : await newRefunds(this, client);
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	}
}

/** "Fetch Test Event": the newest refund of the last days, without touching what the active trigger remembers. */
async function testEvent(context: IPollFunctions, client: SpApiClient): Promise<INodeExecutionData[][] | null> {
	const latest = latestAllowedBefore().getTime();
	for (let i = 0; i + 1 < TEST_EVENT_WINDOW_ENDS_DAYS_AGO.length; i++) {
		const end = new Date(latest - TEST_EVENT_WINDOW_ENDS_DAYS_AGO[i] * DAY_MS);
		const start = new Date(latest - TEST_EVENT_WINDOW_ENDS_DAYS_AGO[i + 1] * DAY_MS);
		const refunds = await refundsBetween(context, client, start, end);
		const newest = refunds[refunds.length - 1];
		if (newest) return [[itemOf(context, newest, includeMetadata(context), readThresholds(context))]];
	}
	return null;
}

async function newRefunds(context: IPollFunctions, client: SpApiClient): Promise<INodeExecutionData[][] | null> {
	const options = context.getNodeParameter('options', {}) as TriggerOptions;
	const settings: PollWindowSettings = {
		lookbackMs: Number(context.getNodeParameter('lookbackDays', 1)) * DAY_MS,
		overlapMs: (options.overlapHours ?? 48) * HOUR_MS,
		maxRemembered: options.maxRemembered ?? 10000,
	};
	if (!(settings.lookbackMs > 0)) throw new NodeOperationError(context.getNode(), tr`"On First Activation, Look Back (Days)" must be more than 0.`);
	const staticData = context.getWorkflowStaticData('node') as IDataObject;
	const state = readPollState(staticData);
	const window = planWindow(state, latestAllowedBefore(), settings);
	const refunds = await refundsBetween(context, client, window.start, window.end);
	const fresh = takeUnseen(state, refunds, ({ refund }) => refund.refundKey, ({ refund }) => postedMs(refund, window.end.getTime()));
	advance(state, window, settings);
	// Only after every page was read: a failed poll leaves the state as it was and the next one repeats the window.
	writePollState(staticData, state);
	if (fresh.length === 0) return null;
	const thresholds = readThresholds(context);
	return [fresh.map((found) => itemOf(context, found, options.includeResponseMetadata === true, thresholds))];
}
