/**
 * The New Refund polling trigger run the way n8n runs it (PollContext, TriggersAndPollers, static data
 * saved between polls) against the emulator, whose clock the test moves to publish late refunds.
 */
import type { IDataObject, INodeParameters, INodeProperties, INodeType } from 'n8n-workflow';
import { startEmulator } from '../emulator';
import type { OrderFinanceEvent } from '../emulator/data/model';
import type { Emulator } from '../emulator/types';
import { buildWorkflow, loadAcornPackage, runPoll, runWorkflow, spApiCredentialRef, type PollSpec, type WorkflowSpec } from '../harness/n8nHarness';
import { credentialsOf, HOUR, jsonOf, NEW_REFUND_TRIGGER, REFUNDS, useFixedNow } from './support';

const NOW = '2025-03-15T12:00:00Z';
const NOW_MS = Date.parse(NOW);
const LOOKBACK_DAYS = 1.5;

describe('New Refund trigger', () => {
	useFixedNow(NOW);
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startEmulator({ timeScale: 200, emptyPageEvery: 3 });
	});
	afterEach(async () => emulator.close());

	function workflow(staticData: IDataObject = {}): PollSpec & WorkflowSpec {
		return {
			nodes: [
				{
					name: 'New Refund',
					type: NEW_REFUND_TRIGGER,
					parameters: { lookbackDays: LOOKBACK_DAYS, marketplaceIds: ['UK', 'DE', 'FR', 'IT', 'ES'] },
					credentials: spApiCredentialRef(),
				},
				// what a workflow does with each refund: here, look for its return in no rows (all unmatched)
				{ name: 'Enrich', type: REFUNDS, parameters: { resource: 'refund', operation: 'enrichWithReturnReasons', refundsFrom: 'input', lookUpReasons: false }, credentials: spApiCredentialRef() },
			],
			connections: { 'New Refund': ['Enrich'] },
			credentials: { amazonSpApi: credentialsOf(emulator, 'eu') },
			triggerNode: 'New Refund',
			staticData,
		};
	}

	/** Refund events of the EU seller posted in the first activation's look-back window. */
	function refundsInWindow(): OrderFinanceEvent[] {
		const start = NOW_MS - LOOKBACK_DAYS * 24 * HOUR;
		return emulator.control.state
			.dataFor('eu')
			.events.filter((event): event is OrderFinanceEvent => event.kind === 'Refund' && event.postedAt >= start + 10 * 60_000 && event.postedAt < NOW_MS - 10 * 60_000);
	}

	const keysOf = (events: readonly OrderFinanceEvent[]) => events.flatMap((event) => event.items.map((item) => `refund:${event.amazonOrderId}:${item.orderAdjustmentItemId}`)).sort();
	const emittedKeys = (emitted: { json: IDataObject }[][] | null) => (emitted?.[0] ?? []).map((item) => String(item.json.refundKey)).sort();

	it('emits each refund exactly once: the look-back on activation, late ones when Amazon publishes them, nothing twice after a restart', async () => {
		const all = refundsInWindow();
		const visibleNow = all.filter((event) => event.visibleAt <= NOW_MS);
		const late = all.filter((event) => event.visibleAt > NOW_MS);
		// the fixed clock and seed give refunds of both sorts
		expect(visibleNow.length).toBeGreaterThanOrEqual(3);
		expect(late.length).toBeGreaterThanOrEqual(2);
		const firstBatch = late.filter((event) => event.visibleAt <= NOW_MS + 3 * HOUR);
		const secondBatch = late.filter((event) => event.visibleAt > NOW_MS + 3 * HOUR && event.visibleAt <= NOW_MS + 6 * HOUR);
		expect(firstBatch.length).toBeGreaterThanOrEqual(1);
		expect(secondBatch.length).toBeGreaterThanOrEqual(1);
		expect(firstBatch.length + secondBatch.length).toBe(late.length);
		const emitted: string[] = [];

		// activation: the last 1.5 days, as far as Amazon has published them
		const first = await runPoll(workflow());
		expect(emittedKeys(first.emitted)).toEqual(keysOf(visibleNow));
		emitted.push(...emittedKeys(first.emitted));
		// the emitted refunds ran through the rest of the workflow
		expect(first.execution?.output('Enrich')).toHaveLength(first.emitted![0].length);
		expect(first.execution?.output('Enrich').every((item) => item.json.returnMatched === false)).toBe(true);

		// Amazon publishes refunds posted hours ago
		emulator.control.advanceClock(3 * HOUR);
		const second = await runPoll(workflow(first.savedStaticData));
		expect(emittedKeys(second.emitted)).toEqual(keysOf(firstBatch));
		emitted.push(...emittedKeys(second.emitted));

		// nothing new: nothing emitted, and the window still moves on
		const third = await runPoll(workflow(second.savedStaticData));
		expect(third.emitted).toBeNull();

		// n8n restarts (static data kept in its database) while another late refund is published
		emulator.control.advanceClock(3 * HOUR);
		const afterRestart = await runPoll({ ...workflow(third.savedStaticData), activation: 'init' });
		expect(emittedKeys(afterRestart.emitted)).toEqual(keysOf(secondBatch));
		emitted.push(...emittedKeys(afterRestart.emitted));
		const again = await runPoll({ ...workflow(afterRestart.savedStaticData), activation: 'init' });
		expect(again.emitted).toBeNull();

		expect(emitted.sort()).toEqual(keysOf(all));
		expect(new Set(emitted).size).toBe(emitted.length);
		// memory: the remembered keys are those of the overlap window only
		const state = (again.savedStaticData['node:New Refund'] as IDataObject).windowedPoll as { cursor: string; seen: Record<string, number> };
		expect(Object.keys(state.seen).sort()).toEqual(keysOf(all));
		expect(Date.parse(state.cursor)).toBeGreaterThan(NOW_MS - 5 * 60_000);
	}, 60_000);

	it('is exact also on n8n versions that save static data only when a poll emitted something', async () => {
		const all = refundsInWindow();
		const emitted: string[] = [];
		let saved: IDataObject = {};
		for (const advance of [0, 0, 3 * HOUR, 0, 3 * HOUR, 0]) {
			emulator.control.advanceClock(advance);
			const poll = await runPoll({ ...workflow(saved), persistStaticData: 'onEmitOnly' });
			emitted.push(...emittedKeys(poll.emitted));
			saved = poll.savedStaticData;
		}
		expect(emitted.sort()).toEqual(keysOf(all));
	}, 60_000);

	it('"Fetch Test Event" in the editor shows the newest refund and changes nothing', async () => {
		const staticData = { untouched: true };
		const result = await runWorkflow({ ...workflow(staticData), mode: 'manual' });
		const items = jsonOf(result.output('New Refund'));
		const newestVisible = refundsInWindow()
			.filter((event) => event.visibleAt <= NOW_MS)
			.sort((a, b) => b.postedAt - a.postedAt)[0];
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ kind: 'refund', amazonOrderId: newestVisible.amazonOrderId, refundKey: expect.stringContaining(newestVisible.amazonOrderId) });
		expect(result.staticData).toEqual({ untouched: true });
	});

	it('a new trigger (1.1) gives amounts as numbers with the exact text beside; one saved at 1 keeps the text', async () => {
		const at = async (typeVersion: number) => {
			const spec = workflow();
			spec.nodes[0] = { ...spec.nodes[0], typeVersion };
			return jsonOf((await runWorkflow({ ...spec, mode: 'manual' })).output('New Refund'))[0];
		};
		const current = await at(1.1);
		expect(typeof current.total).toBe('number');
		expect(current.totalExact).toMatch(/^-?\d+\.\d{2}$/);
		expect(Number(current.totalExact)).toBe(current.total);
		const saved = await at(1);
		expect([saved.total, saved.totalExact]).toEqual([current.totalExact, current.totalExact]);
	});

	it('a marketplace of another region is a clear error when the trigger is activated', async () => {
		const spec = workflow();
		spec.nodes[0].parameters = { ...spec.nodes[0].parameters, marketplaceIds: ['US'] };
		await expect(runPoll(spec)).rejects.toThrow(/NA region.*EU/);
		expect(emulator.control.requests().filter((r) => r.tokenKind !== 'lwa')).toEqual([]);
	});

	describe('Poll Times', () => {
		async function pollTimesOf(typeVersion: number, saved?: INodeParameters): Promise<unknown> {
			const spec = workflow();
			spec.nodes[0] = { ...spec.nodes[0], typeVersion, parameters: { ...spec.nodes[0].parameters, ...(saved ? { pollTimes: saved } : {}) } };
			const { workflow: built } = await buildWorkflow(spec);
			return built.getNode('New Refund')?.parameters.pollTimes;
		}

		it('a new trigger checks once an hour; one "Poll Times" field, as n8n loads the package', async () => {
			const loader = await loadAcornPackage();
			const description = (loader.nodeTypes.amazonSpApiNewRefundTrigger.type as INodeType).description;
			expect(description.version).toEqual([1, 1.1]);
			expect(description.defaultVersion).toBe(1.1);
			// n8n puts its own every-minute Poll Times in front of a polling node's fields: the trigger keeps only its own
			const fields = description.properties.filter((property: INodeProperties) => property.name === 'pollTimes');
			expect(fields.map((field) => field.displayOptions?.show?.['@version'])).toEqual([[1], [{ _cnd: { gte: 1.1 } }]]);
			expect(await pollTimesOf(1.1)).toEqual({ item: [{ mode: 'everyHour', minute: 0 }] });
			expect(fields[1].hint).toMatch(/48 hours/);
		});

		it('triggers saved before keep their interval, saved or not', async () => {
			expect(await pollTimesOf(1)).toEqual({ item: [{ mode: 'everyMinute' }] });
			expect(await pollTimesOf(1, { item: [{ mode: 'everyX', value: 5, unit: 'minutes' }] })).toEqual({ item: [{ mode: 'everyX', value: 5, unit: 'minutes' }] });
			expect(await pollTimesOf(1.1, { item: [{ mode: 'everyMinute' }] })).toEqual({ item: [{ mode: 'everyMinute' }] });
		});
	});
});
