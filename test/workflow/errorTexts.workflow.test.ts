/**
 * Errors a seller can act on (issue 13, point 2): every operation of every node (test/workflow/operations/
 * catalog.ts, derived from the nodes' own Resource/Operation options) is made to fail in each way Amazon
 * or the network can fail it, with the emulator's fault injection on the first Amazon call the operation
 * makes, and what n8n shows is checked: the error the node throws (message + description) and the error
 * item "Continue On Fail" makes. The rules (test/helpers/errorTextRules.ts): no raw JSON, "Amazon said"
 * quotes only Amazon's words, no sentence twice, ACORN's text and not n8n's generic one; and each kind's
 * hint is true for the case (tries that happened, a token really renewed, timeout vs broken connection,
 * "may or may not have been carried out" for changes only).
 */
import type { IDataObject } from 'n8n-workflow';
import { OPERATIONS } from '../../nodes/sp-api/generated/operations.generated';
import { startEmulator } from '../emulator';
import type { Emulator, FaultSpec, OperationKey } from '../emulator/types';
import { forgetAccessTokens, tuneCore } from '../harness/coreTuning';
import { brokenRules, itemTexts, thrownTexts } from '../helpers/errorTextRules';
import { CATALOG, catalogMismatch, keyOf, nodeOperations, prepareWorld, type CatalogWorld, type NodeOperation } from './operations/catalog';
import { operationsCalled, runOperation, type OperationRun } from './operations/runOperation';

interface Profile {
	op: NodeOperation;
	/** SP-API operations a working run calls, in order. */
	calls: OperationKey[];
	/** It changes something at Amazon (a call the model marks as not safe to repeat). */
	writes: boolean;
}

interface Case {
	profile: Profile;
	target: OperationKey;
}

interface Kind {
	name: string;
	/** Amazon's answer may be one the operation reads as a result (e.g. 404 = "not subscribed"). */
	mayBeAnAnswer?: boolean;
	applies(profile: Profile): boolean;
	/** Puts the fault in place for one run. */
	arrange(world: CatalogWorld, item: Case): void;
	/** What Amazon sent in words (for the "Amazon said" rule). */
	amazonWords: string[];
	/** Parameters that replace the catalog's for this kind. */
	override?(item: Case): Record<string, unknown>;
	/** Hints that must (and must not) be there for this case. */
	says(item: Case, run: OperationRun): Array<{ text: string; must?: RegExp; mustNot?: RegExp }>;
}

const MANY = 1000;
const firstCall = (profile: Profile): OperationKey => profile.calls[0];
const amazonBody = (code: string, message: string, details?: string) => ({ errors: [{ code, message, ...(details === undefined ? {} : { details }) }] });
const fault = (world: CatalogWorld, spec: FaultSpec) => world.emulator.control.injectFault({ count: MANY, ...spec });

/** Whether the failing call itself changes something (then it is never repeated and its outcome is unknown). */
const targetWrites = (item: Case): boolean => !OPERATIONS[item.target].safeToRepeat;

/** For reads the core tries again (maxTransientRetries 1 below: 2 tries); changes are never repeated. */
function unclearOrTries(item: Case, text: string) {
	return targetWrites(item)
		? [{ text, must: /may or may not have (been carried out|happened)/ }]
		: [{ text, must: /2 tries|in 2 tries/, mustNot: /may or may not/ }];
}

const KINDS: Kind[] = [
	{
		name: 'no answer within the timeout',
		applies: (p) => p.calls.length > 0,
		arrange: (world, item) => fault(world, { operation: item.target, delayMs: 400 }),
		amazonWords: [],
		// the Seller Wallet node has its own timeout field; the others use the core's (tuned below)
		override: (item) => (item.profile.op.node === 'amazonSpApiSellerWallet' ? { options: { timeoutSeconds: 0.08 } } : {}),
		says: (item, run) => [
			{ text: run.error?.message ?? '', must: targetWrites(item) ? /may or may not have (been carried out|happened)/ : /did not answer .* within 0\.08 s/, mustNot: /connection .*broke|reached/ },
		],
	},
	{
		name: 'HTTP 400 with JSON in Amazon’s details',
		applies: (p) => p.calls.length > 0,
		arrange: (world, item) => fault(world, { operation: item.target, status: 400, body: amazonBody('InvalidInput', 'Walk 400: the request is not valid.', '{"errorDetails":"Walk 400 details: startDate is wrong"}') }),
		amazonWords: ['Walk 400: the request is not valid.', 'Walk 400 details: startDate is wrong'],
		says: () => [],
	},
	{
		name: 'HTTP 403 for a missing role',
		applies: (p) => p.calls.length > 0,
		arrange: (world, item) => fault(world, { operation: item.target, status: 403, body: amazonBody('Unauthorized', 'Access to requested resource is denied.', '') }),
		amazonWords: ['Access to requested resource is denied.'],
		says: (_item, run) => [{ text: run.error?.message ?? '', must: /role/, mustNot: /access token|refresh token/ }],
	},
	{
		name: 'HTTP 403 for an expired access token, also after renewing it',
		applies: (p) => p.calls.length > 0,
		arrange: (world, item) =>
			fault(world, { operation: item.target, status: 403, body: amazonBody('Unauthorized', 'Access to requested resource is denied.', 'The access token you provided has expired.') }),
		amazonWords: ['Access to requested resource is denied.', 'The access token you provided has expired.'],
		says: (item, run) => {
			// the claim "also a new one fetched just now" needs a token request between the two refusals
			const refusals = run.requests.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.operation === item.target && entry.status === 403);
			const renewed = refusals.length >= 2 && run.requests.slice(refusals[0].index, refusals[1].index).some((entry) => entry.path === '/auth/o2/token' && entry.status === 200);
			return [{ text: renewed ? 'renewed' : `not renewed: ${JSON.stringify(run.requests.map((r) => [r.operation ?? r.path, r.status]))}`, must: /^renewed$/ }, { text: run.error?.message ?? '', must: /access token, also a new one/ }];
		},
	},
	{
		name: 'the refresh token was revoked (Login with Amazon refuses)',
		applies: (p) => p.calls.length > 0,
		arrange: (world) => {
			forgetAccessTokens();
			fault(world, { operation: 'lwaToken', status: 400, body: { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : refresh_token' } });
		},
		amazonWords: ['The request has an invalid grant parameter : refresh_token'],
		says: (_item, run) => [{ text: run.error?.message ?? '', must: /refresh token: it was revoked/ }],
	},
	{
		name: 'HTTP 404',
		mayBeAnAnswer: true,
		applies: (p) => p.calls.length > 0,
		arrange: (world, item) => fault(world, { operation: item.target, status: 404, body: amazonBody('NotFound', 'Walk 404: nothing has this ID.') }),
		amazonWords: ['Walk 404: nothing has this ID.'],
		says: () => [],
	},
	{
		name: 'HTTP 409',
		applies: (p) => p.calls.length > 0,
		arrange: (world, item) => fault(world, { operation: item.target, status: 409, body: amazonBody('Conflict', 'Walk 409: it exists already.') }),
		amazonWords: ['Walk 409: it exists already.'],
		says: () => [],
	},
	{
		name: 'HTTP 422',
		applies: (p) => p.calls.length > 0,
		arrange: (world, item) => fault(world, { operation: item.target, status: 422, body: amazonBody('Unprocessable', 'Walk 422: cannot do that now.') }),
		amazonWords: ['Walk 422: cannot do that now.'],
		says: () => [],
	},
	{
		name: 'HTTP 429 after every allowed retry',
		applies: (p) => p.calls.length > 0,
		arrange: (world, item) => fault(world, { operation: item.target, status: 429, body: amazonBody('QuotaExceeded', 'You exceeded your quota for the requested resource.') }),
		amazonWords: ['You exceeded your quota for the requested resource.'],
		says: (_item, run) => [{ text: run.error?.message ?? '', must: /429|too many requests/, mustNot: /may or may not/ }],
	},
	{
		name: 'HTTP 503 that does not go away',
		applies: (p) => p.calls.length > 0,
		arrange: (world, item) => fault(world, { operation: item.target, status: 503, body: amazonBody('ServiceUnavailable', 'Walk 503: try later.') }),
		amazonWords: ['Walk 503: try later.'],
		says: (item, run) => unclearOrTries(item, run.error?.message ?? ''),
	},
	{
		name: 'the connection breaks every time',
		applies: (p) => p.calls.length > 0,
		arrange: (world, item) => fault(world, { operation: item.target, connectionReset: true }),
		amazonWords: [],
		says: (item, run) => [...unclearOrTries(item, run.error?.message ?? ''), { text: run.error?.message ?? '', mustNot: /within|in time|could not be reached/ }],
	},
	{
		name: 'Amazon ends a report with FATAL (its error document is JSON)',
		// operations that wait for a report and then read its document
		applies: (p) => p.calls.includes('getReport') && p.calls.includes('getReportDocument'),
		arrange: (world) =>
			fault(world, {
				operation: 'getReport',
				status: 200,
				body: { reportId: world.ids.fatalReportId, reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', processingStatus: 'FATAL', reportDocumentId: world.ids.fatalDocumentId, marketplaceIds: ['ATVPDKIKX0DER'], createdTime: new Date(world.nowMs).toISOString() },
			}),
		amazonWords: ['The SP-API emulator does not generate GET_MERCHANT_LISTINGS_ALL_DATA reports (it builds GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA, GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE, GET_XML_RETURNS_DATA_BY_RETURN_DATE, GET_FBA_REIMBURSEMENTS_DATA).'],
		// waiting operations say Amazon could not create it and quote the error document; a settlement download refuses a report that is not DONE
		says: (_item, run) => [
			{ text: run.error?.message ?? '', must: /FATAL/ },
			...(/could not create/.test(run.error?.message ?? '') ? [{ text: run.error?.description ?? '', must: /^Amazon said: The SP-API emulator does not generate/m }] : []),
		],
	},
	{
		name: 'a required field that an expression left empty (refused before any call)',
		applies: (p) => p.op.required.some((property) => property.type === 'string' || property.type === 'options'),
		arrange: () => undefined,
		amazonWords: [],
		override: (item) => ({ [item.profile.op.required.find((property) => property.type === 'string' || property.type === 'options')!.name]: '={{ "" }}' }),
		says: (_item, run) => [{ text: JSON.stringify(run.requests.filter((entry) => entry.operation).map((entry) => entry.operation)), must: /^\[\]$/ }],
	},
];

let catalogWorld: CatalogWorld;

describe('error texts of every node operation', () => {
	let emulator: Emulator;
	let operations: NodeOperation[];
	const profiles: Profile[] = [];
	const cleanProblems: string[] = [];
	let restore: () => void;

	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 10_000, historyDays: 60, ordersPerDay: 4, reportProcessingMs: 300, tokenLifetimeSeconds: 30 * 86_400 });
		catalogWorld = await prepareWorld(emulator);
		operations = await nodeOperations();
		// ACORN's waits, shortened (tries stay the same): 2 tries for reads, 3 for 429s
		restore = tuneCore({ retry: { baseDelayMs: 1, maxDelayMs: 10, minDelayMs: 1, max429Retries: 2, max429WaitMs: 5_000, maxTransientRetries: 1 } });
		for (const op of operations) {
			if (!CATALOG[keyOf(op)]) continue;
			const run = await runOperation(catalogWorld, op);
			const calls = operationsCalled(run) as OperationKey[];
			if (run.error && calls.length > 0) cleanProblems.push(`${keyOf(op)}: ${run.error.message}`);
			profiles.push({ op, calls, writes: calls.some((call) => !OPERATIONS[call].safeToRepeat) });
		}
	}, 120_000);

	afterAll(async () => {
		restore?.();
		await emulator?.close();
	});

	it('covers every operation the nodes offer, each working against the emulator when nothing fails', () => {
		expect(catalogMismatch(operations)).toEqual({ missing: [], extra: [] });
		expect(operations.length).toBeGreaterThan(45);
		expect(cleanProblems).toEqual([]);
		// both kinds are there: reads, and changes (transfers, schedules, reports, subscriptions, payouts)
		expect(profiles.filter((p) => p.writes).length).toBeGreaterThan(8);
		expect(profiles.filter((p) => !p.writes && p.calls.length > 0).length).toBeGreaterThan(30);
	});

	it.each(KINDS.map((kind) => [kind.name, kind] as const))('%s: every operation says it in plain words, true for the case', async (_name, kind) => {
		const problems: string[] = [];
		let checked = 0;
		const undo = kind.name.startsWith('no answer') ? tuneCore({ timeoutMs: 80, retry: { maxTransientRetries: 0 } }) : () => undefined;
		try {
			for (const profile of profiles.filter((p) => kind.applies(p))) {
				const item: Case = { profile, target: firstCall(profile) };
				const label = keyOf(profile.op);
				const override = kind.override?.(item) ?? {};
				const before = () => {
					emulator.control.clearFaults();
					kind.arrange(catalogWorld, item);
				};
				// a change runs its Continue On Fail twin in a run of its own (one run refuses to send the same change twice)
				const runs: OperationRun[] = [];
				for (const mode of profile.writes ? [{ continuingOnly: true }, {}] : [{ both: true }]) {
					runs.push(await runOperation(catalogWorld, profile.op, { ...mode, override, before }));
					emulator.control.clearFaults();
				}
				const stopping = runs[runs.length - 1];
				if (!stopping.error) {
					if (!kind.mayBeAnAnswer || stopping.output.length === 0) problems.push(`${label}: did not fail`);
					continue;
				}
				checked += 1;
				const errorItem = (profile.writes ? runs[0] : stopping).continuing[0]?.json as IDataObject | undefined;
				if (!errorItem?.error) problems.push(`${label}: Continue On Fail made no error item: ${JSON.stringify(errorItem)}`);
				const texts = [thrownTexts(stopping.error), ...(errorItem?.error ? [itemTexts(errorItem)] : [])];
				for (const broken of texts.flatMap((t) => brokenRules(t, { words: kind.amazonWords }))) problems.push(`${label}: ${broken}`);
				for (const claim of kind.says(item, stopping)) {
					if (claim.must && !claim.must.test(claim.text)) problems.push(`${label}: expected ${claim.must} in ${JSON.stringify(claim.text)}`);
					if (claim.mustNot && claim.mustNot.test(claim.text)) problems.push(`${label}: ${claim.mustNot} is not true here: ${JSON.stringify(claim.text)}`);
				}
			}
		} finally {
			undo();
			emulator.control.clearFaults();
		}
		expect(problems).toEqual([]);
		expect(checked).toBeGreaterThan(0);
	}, 180_000);

	it('reads Chinese with ACORN_LANGUAGE=zh-CN (message and description), Amazon’s own words quoted untouched', async () => {
		const finances = profiles.find((p) => keyOf(p.op) === 'amazonSpApiFinances financialEventGroup.getMany')!;
		const amazon = 'Access to requested resource is denied.';
		const before = process.env.ACORN_LANGUAGE;
		process.env.ACORN_LANGUAGE = 'zh-CN';
		try {
			const run = await runOperation(catalogWorld, finances.op, {
				both: true,
				before: () => emulator.control.injectFault({ operation: 'listFinancialEventGroups', status: 403, count: 2, body: amazonBody('Unauthorized', amazon, '') }),
			});
			const error = run.error!;
			expect(error.message).toMatch(/^亚马逊拒绝访问 listFinancialEventGroups。通常是应用缺少该 API 所需的角色/);
			expect(error.description).toMatch(new RegExp(`^亚马逊原话：${amazon.replace(/\./g, '\\.')}\n操作：listFinancialEventGroups · HTTP 403 · 亚马逊错误代码：Unauthorized · 亚马逊请求 ID：\\S+$`));
			// ACORN's words are all Chinese: no English sentence of the English text is left
			expect(`${error.message}\n${error.description}`.replace(amazon, '')).not.toMatch(/\b(Amazon|the|refused|Operation|request)\b/);
			const item = run.continuing[0].json;
			// the twin's own request, so its own request ID
			expect(item).toMatchObject({ error: error.message, description: error.description!.replace(/请求 ID：\S+$/, `请求 ID：${String(item.requestId)}`), errors: [{ code: 'Unauthorized', message: amazon, details: '' }] });
			expect([...brokenRules(thrownTexts(error), { words: [amazon] }), ...brokenRules(itemTexts(item), { words: [amazon] })]).toEqual([]);
		} finally {
			if (before === undefined) delete process.env.ACORN_LANGUAGE;
			else process.env.ACORN_LANGUAGE = before;
			emulator.control.clearFaults();
		}
	});
});
