/**
 * Every example workflow in examples/*.json, imported into a real n8n (pinned, with ACORN installed from
 * its `npm pack` tarball like a community package) and run with `n8n execute --id` against the SP-API
 * emulator and local stand-ins for Slack, DingTalk and the ERP. Run with `npm run test:e2e`.
 */
import type { Emulator } from '../emulator/types';
import { currencyDigits } from '../emulator/money';
import { EXAMPLE_CHECKS, NOTIFICATION_EXAMPLE, SETTLEMENT_NOTIFICATION_EXAMPLE } from './exampleChecks';
import { itRunsEachManualExample, manualExamplesOf, resetReceivers } from './exampleRuns';
import { credentialReferences, e2eWorkflowId, loadExamples, prepareForImport, type WorkflowJson } from './examples';
import { describeRunErrors, tail } from './realN8n';
import { minorToDecimalText, ranNodes } from './runAssertions';
import { EXAMPLES_DIR, exampleCredentials, startWorld, type E2eWorld } from './world';
import { until } from '../helpers/waiting';

const examples = loadExamples(EXAMPLES_DIR);
const manualExamples = manualExamplesOf(examples);
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** The receivers are checked every 200 ms: a real n8n takes seconds per step. */
const untilReceived = (condition: () => boolean, timeoutMs: number, what: string) => until(condition, timeoutMs, what, 200);

/** A credential of seller na2 whose refresh token the emulator has revoked, for the failure test. */
const REVOKED_CREDENTIAL_ID = 'acornSpApiRevoked';
const revokedCredential = (emulator: Emulator) => [
	{ id: REVOKED_CREDENTIAL_ID, name: 'Amazon SP-API (revoked)', type: 'amazonSpApi', data: { ...emulator.credentialsFor('na2') } },
];

/** Negative runs built from the examples: one changed value each, said in the name. */
function withRevokedAmazonCredential(workflow: WorkflowJson): WorkflowJson {
	return {
		...workflow,
		id: 'e2eRevokedToken',
		nodes: workflow.nodes.map((node) =>
			node.credentials?.amazonSpApi ? { ...node, credentials: { ...node.credentials, amazonSpApi: { id: REVOKED_CREDENTIAL_ID, name: 'Amazon SP-API (revoked)' } } } : node,
		),
	};
}

function withWrongDingTalkSecret(workflow: WorkflowJson): WorkflowJson {
	const text = JSON.stringify(workflow).replace('SEC_YOUR_ROBOT_SECRET', 'SEC_A_DIFFERENT_SECRET');
	return { ...(JSON.parse(text) as WorkflowJson), id: 'e2eWrongDingTalkSecret' };
}

describe('example workflows in a real n8n', () => {
	let world: E2eWorld;

	beforeAll(async () => {
		world = await startWorld(revokedCredential);
		world.emulator.control.revokeRefreshToken('na2');
		const extra = [
			withRevokedAmazonCredential(prepareForImport(examples.find((e) => e.file === 'marketplaces-to-slack.json')!)),
			withWrongDingTalkSecret(prepareForImport(examples.find((e) => e.file === 'settlements-to-dingtalk.json')!)),
		];
		await world.n8n.importWorkflows([...examples.map((example) => prepareForImport(example, world.filesFolder)), ...extra]);
	});

	afterAll(async () => {
		await world?.close();
	});

	beforeEach(() => resetReceivers(world));

	it('has assertions for every example and credentials for every credential it refers to', () => {
		expect(examples.length).toBeGreaterThan(0);
		expect(examples.map((e) => e.file).filter((file) => !EXAMPLE_CHECKS[file])).toEqual([]);
		const imported = new Set(exampleCredentials(world.emulator).map((c) => c.id));
		const missing = examples.flatMap((e) => credentialReferences(e.workflow).filter((ref) => !imported.has(ref.id)).map((ref) => `${e.file}: ${ref.node} → ${ref.id}`));
		expect(missing).toEqual([]);
	});

	itRunsEachManualExample(examples, () => world);

	it('fails with the node error when Amazon refuses the refresh token', async () => {
		const result = await world.n8n.execute('e2eRevokedToken');
		// n8n exits with 1; once (1 run in ~8) it was seen ending by a signal instead, after printing the
		// failed run: any non-success end counts, the printed node error below is what must be there.
		expect({ failed: result.code !== 0, timedOut: result.timedOut, code: result.code, signal: result.signal, output: tail(result.stdout + result.stderr, 15) }).toMatchObject({ failed: true, timedOut: false });
		const errors = describeRunErrors(result.run);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatch(/^node "Amazon Seller Account" \(n8n-nodes-acorn\.amazonSpApiSellers\): .*refresh token/i);
		expect(world.slack.messages).toEqual([]);
		// No secret in what n8n printed.
		const printed = result.stdout + result.stderr;
		const credential = world.emulator.credentialsFor('na2');
		expect(printed).not.toContain(credential.refreshToken);
		expect(printed).not.toContain(credential.clientSecret);
	});

	it('stops with an error when DingTalk refuses the signature', async () => {
		const result = await world.n8n.execute('e2eWrongDingTalkSecret');
		// n8n exits with 1; once (1 run in ~8) it was seen ending by a signal instead, after printing the
		// failed run: any non-success end counts, the printed node error below is what must be there.
		expect({ failed: result.code !== 0, timedOut: result.timedOut, code: result.code, signal: result.signal, output: tail(result.stdout + result.stderr, 15) }).toMatchObject({ failed: true, timedOut: false });
		expect(world.dingTalk.messages).toEqual([]);
		expect(world.dingTalk.rejected).toEqual([{ errcode: 310000, errmsg: 'sign not match' }]);
		expect(ranNodes(result.run!)).toContain('DingTalk refused the message');
		expect(describeRunErrors(result.run).join('\n')).toContain('DingTalk refused the message: errcode 310000, sign not match');
	});

	// Last: it moves the emulator's clock forward (Amazon posts new transactions), which the runs above
	// must not see.
	it(`${NOTIFICATION_EXAMPLE}: active under \`n8n start\`, Amazon's TRANSACTION_UPDATE notifications from SQS → one Slack message per refund`, async () => {
		const example = examples.find((e) => e.file === NOTIFICATION_EXAMPLE)!;
		expect(manualExamples).not.toContain(example);
		const sellerId = world.emulator.fixtures.sellers.na.sellerId;
		const subscriptions = () => world.emulator.control.notifications.subscriptions().filter((s) => s.sellerId === sellerId && s.notificationType === 'TRANSACTION_UPDATE');
		expect(subscriptions()).toEqual([]);
		await world.n8n.publishWorkflow(e2eWorkflowId(example.file));
		const n8n = await world.n8n.start();
		try {
			// Activation subscribed the store to TRANSACTION_UPDATE with the queue of the SQS credential.
			await untilReceived(() => subscriptions().length === 1, 60_000, `the subscription made on activation\n${tail(n8n.output(), 20)}`);
			const [subscription] = subscriptions();
			const destination = world.emulator.control.notifications.destinations().find((d) => d.destinationId === subscription.destinationId);
			expect(destination?.sqsArn).toBe(world.queue.arn);

			// Time passes at Amazon until three more refunds have posted: every transaction that posts in
			// between (sales, fees, refunds) is announced to the queue.
			const from = world.emulator.control.now().getTime();
			const upcoming = world.emulator.control.state
				.dataFor('na')
				.events.filter((event) => event.kind === 'Refund' && event.visibleAt > from)
				.sort((a, b) => a.visibleAt - b.visibleAt);
			expect(upcoming.length).toBeGreaterThanOrEqual(3);
			world.emulator.control.advanceClock(Math.max(HOUR_MS, upcoming[2].visibleAt - from + MINUTE_MS));
			const to = world.emulator.control.now().getTime();
			const posted = world.emulator.control.state.dataFor('na').events.filter((event) => event.visibleAt > subscription.createdAtMs && event.visibleAt <= to);
			const refunds = posted.filter((event) => event.kind === 'Refund');
			expect(refunds.length).toBeGreaterThan(0);
			expect(posted.length).toBeGreaterThan(refunds.length);
			expect(world.emulator.control.notifications.deliveries().filter((d) => d.subscriptionId === subscription.subscriptionId && d.outcome === 'queued')).toHaveLength(posted.length);
			expect(from).toBeLessThan(to);

			await untilReceived(() => world.slack.messages.length >= refunds.length, 90_000, `${refunds.length} Slack messages (got ${world.slack.messages.length})\n${tail(n8n.output(), 20)}`);
			await untilReceived(() => world.emulator.control.sqs.depth(world.queue.name).visible + world.emulator.control.sqs.depth(world.queue.name).inFlight === 0, 30_000, 'the queue drained');
			// Other transactions (sales, fees) were taken off the queue too, and filtered out.
			await new Promise((resolve) => setTimeout(resolve, 1000));
			expect(world.slack.messages).toHaveLength(refunds.length);
			const texts = world.slack.messages.map((message) => message.text);
			for (const event of refunds) {
				const amount = minorToDecimalText(event.totalMinor, currencyDigits(event.currency));
				const orderId = 'amazonOrderId' in event ? String(event.amazonOrderId) : '';
				expect(texts.filter((text) => text.includes(`${amount} ${event.currency} · order ${orderId}`))).toHaveLength(1);
			}
			for (const message of world.slack.messages) {
				expect(message.channel).toBe('#amazon-alerts');
				expect(message.text).toMatch(/^:rotating_light: Amazon refund -?\d+\.\d{2} (USD|CAD|MXN) · order \d{3}-\d{7}-\d{7} · (US|CA|MX) · \d{4}-\d{2}-\d{2}T/);
			}
		} finally {
			await n8n.stop();
		}
		await world.n8n.unpublishWorkflow(e2eWorkflowId(example.file));
	}, 240_000);

	// After the one above (a later clock): a settlement period closes, Amazon publishes its report.
	it(`${SETTLEMENT_NOTIFICATION_EXAMPLE}: active under \`n8n start\`, each settlement report Amazon announces (REPORT_PROCESSING_FINISHED) → downloaded → one exact JSON document to the ERP`, async () => {
		const example = examples.find((e) => e.file === SETTLEMENT_NOTIFICATION_EXAMPLE)!;
		expect(manualExamples).not.toContain(example);
		const sellerId = world.emulator.fixtures.sellers.na.sellerId;
		const subscriptions = () => world.emulator.control.notifications.subscriptions().filter((s) => s.sellerId === sellerId && s.notificationType === 'REPORT_PROCESSING_FINISHED');
		await world.n8n.publishWorkflow(e2eWorkflowId(example.file));
		const n8n = await world.n8n.start();
		try {
			await untilReceived(() => subscriptions().length === 1, 60_000, `the subscription made on activation\n${tail(n8n.output(), 20)}`);
			const destination = world.emulator.control.notifications.destinations().find((d) => d.destinationId === subscriptions()[0].destinationId);
			expect(destination?.sqsArn).toBe(world.reportQueue.arn);

			// Time passes at Amazon until the next settlement period closes and its report is out (30 minutes later).
			const now = world.emulator.control.now().getTime();
			const next = world.emulator.control.state.dataFor('na').groups.filter((group) => group.endAt > now).sort((a, b) => a.endAt - b.endAt)[0];
			expect(next).toBeDefined();
			world.emulator.control.advanceClock(next.endAt - now + 45 * MINUTE_MS);
			const later = world.emulator.control.now().getTime();
			const closed = world.emulator.control.state.dataFor('na').groups.filter((group) => group.endAt > now && group.endAt + 30 * MINUTE_MS <= later);
			expect(closed.length).toBeGreaterThan(0);

			await untilReceived(() => world.erpSettlementReports.received.length >= closed.length, 90_000, `${closed.length} ERP posts (got ${world.erpSettlementReports.received.length})\n${tail(n8n.output(), 20)}`);
			await untilReceived(() => world.emulator.control.sqs.depth(world.reportQueue.name).visible + world.emulator.control.sqs.depth(world.reportQueue.name).inFlight === 0, 30_000, 'the queue drained');
			await new Promise((resolve) => setTimeout(resolve, 1000));
			// Only the V2 flat file reached the ERP; the other two layouts Amazon announced were skipped.
			expect(world.erpSettlementReports.received).toHaveLength(closed.length);
			for (const group of closed) {
				const post = world.erpSettlementReports.received.find(({ body }) => (body as { settlementId?: string }).settlementId === group.settlementId);
				expect(post).toBeDefined();
				const body = post!.body as { currency: string; totalAmount: string; lineCount: number; lines: Array<{ amount: string }>; reportType: string };
				const digits = currencyDigits(group.currency);
				expect(body).toMatchObject({ source: 'amazon-sp-api', reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', currency: group.currency, totalAmount: minorToDecimalText(group.totalMinor, digits) });
				expect(body.lines).toHaveLength(body.lineCount);
				expect(body.lines.length).toBeGreaterThan(0);
				// the lines add up to the total, exactly (decimal text → minor units)
				const sum = body.lines.reduce((total, line) => total + BigInt(line.amount.replace('.', '')), 0n);
				expect(sum).toBe(BigInt(group.totalMinor));
				expect(body.lines.every((line) => (digits === 0 ? /^-?\d+$/ : /^-?\d+\.\d{2}$/).test(line.amount))).toBe(true);
				expect(post!.request.headers['x-api-key']).toBeDefined();
			}
		} finally {
			await n8n.stop();
		}
	}, 240_000);
});
