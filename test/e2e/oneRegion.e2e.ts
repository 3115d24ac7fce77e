/**
 * A seller who sells in one region only imports the examples with the one Amazon SP-API credential they
 * have and runs them unchanged: every example with a Manual Trigger, in a real n8n, with the single
 * credential of the emulator's Europe seller, then of its Far East seller (North America:
 * examples.e2e.ts). The checks are the same as for North America, computed from that seller's data.
 * The examples Amazon starts (notifications) name no store at all (test/workflow/examples.test.ts) and
 * are run for two regions by test/workflow/notificationsQueue.workflow.test.ts.
 */
import type { SellerFixtureKey } from '../emulator/types';
import { itRunsEachManualExample, resetReceivers } from './exampleRuns';
import { loadExamples, prepareForImport } from './examples';
import { EXAMPLES_DIR, startWorld, type E2eWorld } from './world';

const examples = loadExamples(EXAMPLES_DIR);

describe.each<SellerFixtureKey>(['eu', 'fe'])('example workflows with the one Amazon SP-API credential of the %s seller', (seller) => {
	let world: E2eWorld;

	beforeAll(async () => {
		world = await startWorld(undefined, { seller });
		expect(world.emulator.fixtures.sellers[seller].region).toBe(seller.toUpperCase());
		await world.n8n.importWorkflows(examples.map((example) => prepareForImport(example, world.filesFolder)));
	});

	afterAll(async () => {
		await world?.close();
	});

	beforeEach(() => resetReceivers(world));

	itRunsEachManualExample(examples, () => world, `${seller.toUpperCase()}: `);
});
