/**
 * The standing fault sweep (issue 13, point 6). Every operation of every node (catalog.ts, derived from
 * the nodes' own options) first runs against the emulator with nothing failing; the emulator's request
 * log tells whether it only reads or also changes something at Amazon.
 *
 * Reads then run again under each fault Amazon and networks produce — 429 without a rate header, 500,
 * 503, a connection reset, an answer slower than the timeout, an access token that expires in the
 * middle, a truncated gzip body (report downloads), an empty page in the middle of a listing — placed in
 * the middle of a listing where there is one. Each must complete with every record exactly once (the
 * same items as without the fault) or fail with a clear message; nothing is emitted twice.
 *
 * Changes (transfers, schedules, reports, subscriptions, payouts) run under faults after which Amazon
 * may have carried them out (a 500 or a broken connection after Amazon acted, no answer in time, a 503):
 * the emulator's request log must show the change sent exactly once, and the error must say to check.
 * No secret (LWA secrets and tokens, the bank account number, payment signatures) appears anywhere:
 * items, errors (with the node they carry), hints, logs.
 *
 * The queue operations (Notification Settings → Queue) talk to AWS SQS: Check (a read) and Prepare (a
 * change: it creates the queue) go through the faults that exist there, put on the emulated SQS.
 *
 * ACORN's waits are shortened (test/harness/coreTuning.ts) and the emulator runs 10 000× faster, so the
 * sweep takes seconds, not hours; the retries themselves are the real ones.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { OPERATIONS } from '../../nodes/sp-api/generated/operations.generated';
import { startEmulator } from '../emulator';
import type { Emulator, FaultSpec, OperationKey, SellerFixtureKey } from '../emulator/types';
import { tuneCore } from '../harness/coreTuning';
import { brokenRules, itemTexts, thrownTexts } from '../helpers/errorTextRules';
import { IBAN, IBAN_SPACED, SIGNATURES } from '../helpers/walletFixture';
import { CATALOG, keyOf, nodeOperations, prepareWorld, type CatalogWorld, type NodeOperation } from './operations/catalog';
import type { SqsFault } from '../emulator/sqs/service';
import { operationsCalled, runOperation, SQS_CHANGES, sqsActionsCalled, type OperationRun } from './operations/runOperation';

interface Profile {
	op: NodeOperation;
	calls: OperationKey[];
	/** SQS actions (the queue operations). */
	sqsCalls: string[];
	writes: boolean;
	/** A paged call the clean run made several requests of (faults go between its pages). */
	paged?: OperationKey;
	/** The clean run downloaded a report document. */
	downloads: boolean;
	clean: IDataObject[];
	/** Fields whose values differ between two runs without any fault (new ids, times): not compared. */
	volatile: Set<string>;
}

interface ReadFault {
	name: string;
	applies(profile: Profile): boolean;
	/** Puts the fault in place; returns a function that undoes anything beyond emulator faults. */
	arrange(world: CatalogWorld, profile: Profile): (() => void) | void;
	/** For the "Amazon said" rule, when the run ends in an error. */
	amazonWords: string[];
	override?(profile: Profile): Record<string, unknown>;
	/** The same fault on AWS SQS, on the queue operation's first call; faults without one do not exist there. */
	sqs?(world: CatalogWorld, action: string): (() => void) | void;
}

const TIMEOUT_S = 0.08;
const injectSqs = (world: CatalogWorld, spec: SqsFault) => world.emulator.control.sqs.injectFault(spec);
const onSqs = (profile: Profile) => profile.sqsCalls.length > 0;
const target = (profile: Profile): { operation: OperationKey; afterRequests: number } =>
	profile.paged ? { operation: profile.paged, afterRequests: 1 } : { operation: profile.calls[0], afterRequests: 0 };
const inject = (world: CatalogWorld, spec: FaultSpec) => world.emulator.control.injectFault(spec);
const QUOTA = 'You exceeded your quota for the requested resource.';

const READ_FAULTS: ReadFault[] = [
	{
		name: '429 without a rate header',
		applies: (p) => p.calls.length > 0,
		arrange: (world, p) => inject(world, { ...target(p), status: 429, count: 2 }),
		amazonWords: [QUOTA, 'Request is throttled.'],
		sqs: (world, action) => injectSqs(world, { action, status: 400, type: 'com.amazonaws.sqs#RequestThrottled', code: 'RequestThrottled', message: 'Request is throttled.', count: 2 }),
	},
	{
		name: 'HTTP 500',
		applies: (p) => p.calls.length > 0,
		arrange: (world, p) => inject(world, { ...target(p), status: 500 }),
		amazonWords: ['We encountered an internal error. Please try again.'],
		sqs: (world, action) => injectSqs(world, { action, status: 500 }),
	},
	{
		name: 'HTTP 503 twice',
		applies: (p) => p.calls.length > 0,
		arrange: (world, p) => inject(world, { ...target(p), status: 503, count: 2 }),
		amazonWords: ['Service temporarily unavailable. Please try again.'],
		sqs: (world, action) => injectSqs(world, { action, status: 503, type: 'com.amazon.coral.service#ServiceUnavailableException', code: 'ServiceUnavailable', message: 'Service unavailable.', count: 2 }),
	},
	{
		name: 'a connection reset',
		applies: (p) => p.calls.length > 0,
		arrange: (world, p) => inject(world, { ...target(p), connectionReset: true }),
		amazonWords: [],
		sqs: (world, action) => injectSqs(world, { action, connectionReset: true }),
	},
	{
		name: 'an answer slower than the timeout',
		applies: (p) => p.calls.length > 0,
		arrange: (world, p) => {
			inject(world, { ...target(p), delayMs: 300 });
			return tuneCore({ timeoutMs: TIMEOUT_S * 1000 });
		},
		amazonWords: [],
		override: (p) => (p.op.node === 'amazonSpApiSellerWallet' ? { options: { timeoutSeconds: TIMEOUT_S } } : {}),
		sqs: (world, action) => {
			injectSqs(world, { action, delayMs: 300 });
			return tuneCore({ timeoutMs: TIMEOUT_S * 1000 });
		},
	},
	{
		name: 'an access token that expires in the middle',
		applies: (p) => p.calls.length > 0,
		arrange: (world) => {
			let expired = false;
			return world.emulator.control.onResponse((entry) => {
				if (!expired && entry.operation && entry.status === 200) {
					expired = true;
					world.emulator.control.expireAccessTokens();
				}
			});
		},
		amazonWords: ['Access to requested resource is denied.', 'The access token you provided has expired.'],
	},
	{
		name: 'a truncated gzip body',
		applies: (p) => p.downloads,
		arrange: (world) => world.emulator.control.reports.cutNextDownload({ afterBytes: 120, mode: 'truncatedFile' }),
		amazonWords: [],
	},
	{
		name: 'an empty page in the middle of a listing',
		applies: (p) => p.paged !== undefined,
		arrange: (world, p) => inject(world, { operation: p.paged!, emptyPage: true, afterRequests: 1 }),
		amazonWords: [],
	},
];

interface WriteFault {
	name: string;
	arrange(world: CatalogWorld, operation: OperationKey): (() => void) | void;
	/** The same fault on the queue operation's change (an SQS action). */
	sqs(world: CatalogWorld, action: string): (() => void) | void;
	override?(profile: Profile): Record<string, unknown>;
	amazonWords: string[];
}

const WRITE_FAULTS: WriteFault[] = [
	{
		name: 'HTTP 500 after Amazon acted',
		arrange: (world, operation) => inject(world, { operation, status: 500, afterEffect: true }),
		sqs: (world, action) => injectSqs(world, { action, status: 500, afterEffect: true }),
		amazonWords: ['We encountered an internal error. Please try again.'],
	},
	{
		name: 'the connection breaks after Amazon acted',
		arrange: (world, operation) => inject(world, { operation, connectionReset: true, afterEffect: true }),
		sqs: (world, action) => injectSqs(world, { action, connectionReset: true, afterEffect: true }),
		amazonWords: [],
	},
	{
		name: 'no answer in time (Amazon acted)',
		arrange: (world, operation) => {
			inject(world, { operation, connectionReset: true, afterEffect: true, delayMs: 400 });
			return tuneCore({ timeoutMs: TIMEOUT_S * 1000 });
		},
		sqs: (world, action) => {
			injectSqs(world, { action, connectionReset: true, afterEffect: true, delayMs: 400 });
			return tuneCore({ timeoutMs: TIMEOUT_S * 1000 });
		},
		override: (p) => (p.op.node === 'amazonSpApiSellerWallet' ? { options: { timeoutSeconds: TIMEOUT_S } } : {}),
		amazonWords: [],
	},
	{
		name: 'HTTP 503',
		arrange: (world, operation) => inject(world, { operation, status: 503 }),
		sqs: (world, action) => injectSqs(world, { action, status: 503, type: 'com.amazon.coral.service#ServiceUnavailableException', code: 'ServiceUnavailable', message: 'Service unavailable.' }),
		amazonWords: ['Service temporarily unavailable. Please try again.', 'Service unavailable.'],
	},
];

/** Item JSON without the fields that change from run to run, as stable text. */
function normalized(json: IDataObject, volatile: ReadonlySet<string>): string {
	const strip = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(strip);
		if (value && typeof value === 'object') {
			return Object.fromEntries(
				Object.entries(value as Record<string, unknown>)
					.filter(([key]) => !volatile.has(key))
					.sort(([a], [b]) => a.localeCompare(b))
					.map(([key, entry]) => [key, strip(entry)]),
			);
		}
		return value;
	};
	return JSON.stringify(strip(json));
}

/** Keys (at any depth) whose values differ between two item lists of the same length. */
function differingKeys(a: readonly IDataObject[], b: readonly IDataObject[]): Set<string> {
	const keys = new Set<string>();
	const walk = (x: unknown, y: unknown, key?: string): void => {
		if (x && y && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x) === !Array.isArray(y)) {
			const names = new Set([...Object.keys(x), ...Object.keys(y)]);
			for (const name of names) walk((x as Record<string, unknown>)[name], (y as Record<string, unknown>)[name], Array.isArray(x) ? key : name);
		} else if (JSON.stringify(x) !== JSON.stringify(y) && key !== undefined) {
			keys.add(key);
		}
	};
	a.forEach((item, index) => walk(item, b[index]));
	return keys;
}

function counts(lines: readonly string[]): Map<string, number> {
	const out = new Map<string, number>();
	for (const line of lines) out.set(line, (out.get(line) ?? 0) + 1);
	return out;
}

const jsonOf = (items: INodeExecutionData[]): IDataObject[] => items.map((item) => item.json);

describe('fault sweep: every read under each fault, every change never repeated', () => {
	let emulator: Emulator;
	let world: CatalogWorld;
	const profiles: Profile[] = [];
	let restore: () => void;
	let started = 0;
	const secrets = new Set<string>([IBAN, IBAN_SPACED, IBAN.toLowerCase(), '0532013471', ...Object.values(SIGNATURES)]);

	/** Remembers every secret the runs could leak: the credential's and every access token issued. */
	function collectSecrets(): void {
		for (const seller of Object.keys(emulator.fixtures.sellers) as SellerFixtureKey[]) {
			const credential = emulator.credentialsFor(seller);
			secrets.add(credential.clientSecret);
			secrets.add(credential.refreshToken);
		}
		for (const issued of emulator.control.state.tokens.issued()) secrets.add(issued.token);
		// the AWS keys of the Amazon SQS credentials (the queue operations)
		for (const key of Object.values(emulator.control.sqs.keys)) {
			secrets.add(key.secretAccessKey);
			if (key.sessionToken) secrets.add(key.sessionToken);
		}
	}

	function leaks(run: OperationRun): string[] {
		collectSecrets();
		const task = run.result.run.data.resultData.runData;
		const visible = JSON.stringify({
			runData: task,
			error: run.result.run.data.resultData.error,
			thrown: run.error && { message: run.error.message, description: run.error.description, context: run.error.context, node: run.error.node, stack: run.error.stack },
			logs: run.result.logs,
		});
		return [...secrets].filter((secret) => visible.includes(secret)).map((secret) => `${secret.slice(0, 6)}…`);
	}

	/** One run with a fault put in place right before it (after its parameters are ready), and taken away after. */
	async function underFault(profile: Profile, arrange: () => (() => void) | void, override?: Record<string, unknown>): Promise<OperationRun> {
		let undo: (() => void) | void = undefined;
		const before = () => {
			emulator.control.clearFaults();
			emulator.control.sqs.clearFaults();
			undo = arrange();
		};
		try {
			return await runOperation(world, profile.op, { override, before });
		} finally {
			(undo as (() => void) | void)?.();
			emulator.control.clearFaults();
			emulator.control.sqs.clearFaults();
		}
	}

	beforeAll(async () => {
		started = Date.now();
		emulator = await startEmulator({ timeScale: 10_000, historyDays: 60, ordersPerDay: 4, reportProcessingMs: 300, tokenLifetimeSeconds: 30 * 86_400 });
		world = await prepareWorld(emulator);
		// only the pauses are shortened: 8 tries for 429s, 3 for 5xx and broken connections, as in production
		restore = tuneCore({ retry: { baseDelayMs: 1, maxDelayMs: 10, minDelayMs: 1 } });
		const firstPass = new Map<string, OperationRun>();
		for (const op of await nodeOperations()) {
			if (CATALOG[keyOf(op)]) firstPass.set(keyOf(op), await runOperation(world, op));
		}
		// Reads again, after every change of the first pass: the items they must give under faults (no
		// change runs until the read tests are done). Fields that differ from the first pass change from
		// run to run (new ids, times, presigned addresses) and are not compared.
		for (const op of await nodeOperations()) {
			const first = firstPass.get(keyOf(op));
			if (!first) continue;
			const calls = operationsCalled(first) as OperationKey[];
			const sqsCalls = sqsActionsCalled(first);
			const writes = calls.some((call) => !OPERATIONS[call].safeToRepeat) || sqsCalls.some((call) => SQS_CHANGES.has(call));
			const perOperation = counts(first.requests.map((entry) => entry.operation ?? ''));
			const paged = calls.find((call) => OPERATIONS[call].pagination && (perOperation.get(call) ?? 0) >= 2);
			const baseline = writes || calls.length + sqsCalls.length === 0 ? first : await runOperation(world, op);
			profiles.push({
				op,
				calls,
				sqsCalls,
				writes,
				paged,
				downloads: first.requests.some((entry) => entry.path.startsWith('/s3/')),
				clean: jsonOf(baseline.output),
				volatile: new Set([
					...(first.output.length === baseline.output.length ? differingKeys(jsonOf(first.output), jsonOf(baseline.output)) : []),
					...(CATALOG[keyOf(op)]?.clockFields ?? []),
				]),
			});
		}
	}, 120_000);

	afterAll(async () => {
		restore?.();
		await emulator?.close();
		process.stdout.write(`fault sweep: ${profiles.length} operations, ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
	});

	it('knows which operations read and which change something, and reads give the same items twice', () => {
		const reads = profiles.filter((p) => !p.writes && p.calls.length + p.sqsCalls.length > 0);
		expect(reads.length).toBeGreaterThan(30);
		// the sweep's own list, derived from the nodes: the Vendor node's reads and the queue check are in it
		expect(profiles.length).toBeGreaterThanOrEqual(52);
		expect(reads.map((p) => keyOf(p.op))).toEqual(
			expect.arrayContaining([
				'amazonSpApiVendor purchaseOrder.getMany',
				'amazonSpApiVendor purchaseOrder.getStatuses',
				'amazonSpApiVendor shipment.getMany',
				'amazonSpApiVendor transactionStatus.get',
				'amazonSpApiNotificationSettings queue.check',
			]),
		);
		expect(profiles.filter((p) => p.writes).map((p) => keyOf(p.op))).toEqual(
			expect.arrayContaining(['amazonSpApiVendor invoice.submit', 'amazonSpApiNotificationSettings queue.prepare', 'amazonSpApiReports accountHealth.getMetrics']),
		);
		expect(profiles.filter((p) => p.writes).length).toBeGreaterThan(8);
		// the sweep puts faults between pages and into downloads
		expect(reads.filter((p) => p.paged).length).toBeGreaterThanOrEqual(3);
		expect(reads.filter((p) => p.downloads).length).toBeGreaterThanOrEqual(3);
		// what is compared is the records themselves, not only fields that change anyway
		for (const profile of reads.filter((p) => p.clean.length > 0)) {
			expect({ op: keyOf(profile.op), compared: profile.clean.some((json) => normalized(json, profile.volatile) !== '{}') }).toEqual({ op: keyOf(profile.op), compared: true });
		}
	});

	it.each(READ_FAULTS.map((fault) => [fault.name, fault] as const))('reads under %s: every record exactly once, or a clear error; no secret anywhere', async (_name, fault) => {
		const problems: string[] = [];
		const outcomes: string[] = [];
		for (const profile of profiles.filter((p) => !p.writes && (onSqs(p) ? fault.sqs !== undefined : fault.applies(p)))) {
			const label = keyOf(profile.op);
			const arrange = onSqs(profile) ? () => fault.sqs!(world, profile.sqsCalls[0]) : () => fault.arrange(world, profile);
			const run = await underFault(profile, arrange, fault.override?.(profile));
			for (const leak of leaks(run)) problems.push(`${label}: a secret is visible (${leak})`);
			if (run.error) {
				outcomes.push(`${label}: failed: ${run.error.message}`);
				for (const broken of brokenRules(thrownTexts(run.error), { words: fault.amazonWords })) problems.push(`${label}: ${broken}`);
				continue;
			}
			const got = counts(jsonOf(run.output).map((json) => normalized(json, profile.volatile)));
			const expected = counts(profile.clean.map((json) => normalized(json, profile.volatile)));
			const missing = [...expected].filter(([line, n]) => (got.get(line) ?? 0) < n).length;
			const twice = [...got].filter(([line, n]) => n > (expected.get(line) ?? 0)).length;
			if (missing || twice) problems.push(`${label}: ${run.output.length} items instead of ${profile.clean.length} (${missing} missing, ${twice} extra or twice)`);
			outcomes.push(`${label}: complete`);
		}
		expect(problems).toEqual([]);
		expect(outcomes.length).toBeGreaterThan(0);
		// a transient fault is ridden out by every read; only a cut download may end in an error
		if (!fault.name.includes('truncated')) expect(outcomes.filter((line) => line.includes(': failed: '))).toEqual([]);
	}, 120_000);

	it.each(WRITE_FAULTS.map((fault) => [fault.name, fault] as const))('changes under %s: sent once, never repeated, and the error says to check', async (_name, fault) => {
		const problems: string[] = [];
		let checked = 0;
		for (const profile of profiles.filter((p) => p.writes)) {
			const label = keyOf(profile.op);
			const change = onSqs(profile) ? profile.sqsCalls.find((call) => SQS_CHANGES.has(call))! : profile.calls.find((call) => !OPERATIONS[call].safeToRepeat)!;
			const arrange = onSqs(profile) ? () => fault.sqs(world, change) : () => fault.arrange(world, change as OperationKey);
			const run = await underFault(profile, arrange, fault.override?.(profile));
			checked += 1;
			for (const leak of leaks(run)) problems.push(`${label}: a secret is visible (${leak})`);
			// A change refused with "access token expired" is sent again after renewing the token (Amazon did
			// nothing then); after an answer that may mean "done" (5xx, 408, none) it is never sent again.
			const sends = onSqs(profile)
				? run.sqsRequests.filter((entry) => entry.action === change).map((entry) => ({ ...entry, operation: entry.action, path: '' }))
				: run.requests.filter((entry) => entry.operation === change);
			const unclear = sends.findIndex((entry) => entry.status === 0 || entry.status === 408 || entry.status >= 500);
			const history = JSON.stringify(onSqs(profile) ? run.sqsRequests.map((entry) => [entry.action, entry.status]) : run.requests.map((entry) => [entry.operation ?? entry.path, entry.status]));
			if (unclear < 0) problems.push(`${label}: ${change} never met the fault: ${history}`);
			else if (unclear !== sends.length - 1) problems.push(`${label}: ${change} was sent again after an unclear answer: ${history}`);
			if (sends.some((entry) => entry.status !== 403 && entry !== sends[unclear])) problems.push(`${label}: ${change} was sent more than once: ${history}`);
			if (!run.error) {
				problems.push(`${label}: did not fail although Amazon's answer was lost`);
				continue;
			}
			for (const broken of brokenRules(thrownTexts(run.error), { words: fault.amazonWords })) problems.push(`${label}: ${broken}`);
			if (!/may or may not have (been carried out|happened)/.test(run.error.message)) problems.push(`${label}: the error does not say it may have happened: ${JSON.stringify(run.error.message)}`);
		}
		expect(problems).toEqual([]);
		expect(checked).toBeGreaterThan(8);
	}, 120_000);

	it('an error item of Continue On Fail keeps the same rules and the same facts', async () => {
		const profile = profiles.find((p) => keyOf(p.op) === 'amazonSpApiSellerWallet transaction.create')!;
		const run = await runOperation(world, profile.op, {
			continuingOnly: true,
			before: () => inject(world, { operation: 'createTransaction', status: 500, afterEffect: true }),
		});
		emulator.control.clearFaults();
		const [item] = jsonOf(run.continuing);
		expect(item).toMatchObject({ outcome: 'unknown', mayHaveTakenEffect: true, httpStatus: 500, checkBeforeRetrying: expect.objectContaining({ destinationAccountTail: '471' }) });
		expect(brokenRules(itemTexts(item), { words: ['We encountered an internal error. Please try again.'] })).toEqual([]);
		expect(leaks(run)).toEqual([]);
	});
});
