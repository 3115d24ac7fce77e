/**
 * The playbook examples in a real n8n, beyond what examples.e2e.ts runs with the North American
 * credential:
 * - the same, unchanged workflows run with a European seller's credential (every store of the
 *   credential: VAT instead of US sales tax, other stores' account health, other return requests);
 * - the account health alert with the credential of a seller whose stores are all within Amazon's
 *   targets: nothing is sent;
 * - refund-approval.json active under `n8n start`: the New Refund trigger emits the day's refunds, the
 *   small ones reach the ERP at once, each large one waits in n8n for a manager — the test is the
 *   manager: it opens the Approve / Reject link n8n put into the Slack message (n8n's resume webhook),
 *   and n8n goes on with the ERP (approved) or the review sheet (rejected).
 */
import type { IRun } from 'n8n-workflow';
import { currencyDigits } from '../emulator/money';
import { refundLinesOf, type RefundLineTruth } from './emulatorTruth';
import { e2eWorkflowId, loadExamples, prepareForImport, type WorkflowJson } from './examples';
import { checkHealthRun, checkRemindersRun, checkTaxRun, noteReceived, PLAYBOOK_EXAMPLES } from './playbookChecks';
import { PLAYBOOK_PLACEHOLDERS } from './playbookWorld';
import { tail } from './realN8n';
import { minorToDecimalText, successfulRun } from './runAssertions';
import { EXAMPLES_DIR, startWorld, type E2eWorld } from './world';
import { sleep, until } from '../helpers/waiting';

const examples = loadExamples(EXAMPLES_DIR).filter((example) => (Object.values(PLAYBOOK_EXAMPLES) as string[]).includes(example.file));
const EU_CREDENTIAL = { id: 'acornAmazonSpApiEu', name: 'Amazon SP-API Europe' };
/** A one-store US seller whose account health is within every Amazon target (the emulator's 'na2'). */
const ALL_WELL_CREDENTIAL = { id: 'acornAmazonSpApiOk', name: 'Amazon SP-API (healthy account)' };
/** What a manager's browser sends; n8n ignores link previews by bots (it answers them without resuming). */
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
/** The amounts per currency in refund-approval.json (North American stores). */
const THRESHOLD_MINOR: Record<string, number> = { USD: 5000, CAD: 7000, MXN: 100_000 };

const untilReceived = (condition: () => boolean, timeoutMs: number, what: string) => until(condition, timeoutMs, what, 200);

/** The example with another Amazon SP-API credential than the North American one, under its own id. */
function withCredential(file: string, credential: { id: string; name: string } = EU_CREDENTIAL, idSuffix = 'Eu'): WorkflowJson {
	const workflow = prepareForImport(examples.find((example) => example.file === file)!);
	return {
		...workflow,
		id: `${e2eWorkflowId(file).slice(0, 18)}${idSuffix}`,
		nodes: workflow.nodes.map((node) => (node.credentials?.amazonSpApi ? { ...node, credentials: { ...node.credentials, amazonSpApi: credential } } : node)),
	};
}
const healthOfHealthyAccount = () => withCredential(PLAYBOOK_EXAMPLES.health, ALL_WELL_CREDENTIAL, 'Ok');

/** Order, SKU and refunded amount (without the sign): as exact text ("55.00"), or as the number a sheet holds ("55"). */
function lineKey(line: RefundLineTruth, amount: 'text' | 'number' = 'text'): string {
	const text = minorToDecimalText(-line.totalMinor, currencyDigits(line.event.currency));
	return `${line.event.amazonOrderId}|${line.sku}|${amount === 'text' ? text : String(Number(text))}`;
}

describe('playbook examples with other sellers’ credentials (a European seller, a healthy account), unchanged otherwise', () => {
	let world: E2eWorld;

	beforeAll(async () => {
		// fewer orders a day than the default 12: a month of VAT lines of five stores stays a few MB per node
		// the European credential the workflows are switched to (the world imports only the examples' own)
		const credentials = (emulator: E2eWorld['emulator']) => [
			{ ...EU_CREDENTIAL, type: 'amazonSpApi', data: { ...emulator.credentialsFor('eu') } },
			{ ...ALL_WELL_CREDENTIAL, type: 'amazonSpApi', data: { ...emulator.credentialsFor('na2') } },
		];
		world = await startWorld(credentials, { emulator: { ordersPerDay: 4 } });
		await world.n8n.importWorkflows([...[PLAYBOOK_EXAMPLES.tax, PLAYBOOK_EXAMPLES.health, PLAYBOOK_EXAMPLES.reminders].map((file) => withCredential(file)), healthOfHealthyAccount()]);
	});

	afterAll(async () => {
		await world?.close();
	});

	describe.each([
		[PLAYBOOK_EXAMPLES.tax, checkTaxRun],
		[PLAYBOOK_EXAMPLES.health, checkHealthRun],
		// fewer orders a day: a day without requests near the limit is possible (then no message may go out)
		[PLAYBOOK_EXAMPLES.reminders, (run: IRun, w: E2eWorld, seller: 'eu', options: { printedRun: boolean }) => checkRemindersRun(run, w, seller, { ...options, requireRequests: false })],
	] as const)('%s', (file, check) => {
		it('does for the European stores what it does for the North American ones', async () => {
			world.playbooks.clear(world.sheets);
			const startedAt = Date.now();
			const result = await world.n8n.execute(withCredential(file).id!);
			const { run, printed } = successfulRun(result, `${file} (EU)`, startedAt);
			check(run, world, 'eu', { printedRun: printed });
			expect(world.proxy.refused).toEqual([]);
		});
	});

	it(`${PLAYBOOK_EXAMPLES.health}: a seller whose stores are all within Amazon’s targets gets no message`, async () => {
		world.playbooks.clear();
		const startedAt = Date.now();
		const result = await world.n8n.execute(healthOfHealthyAccount().id!);
		const { run, printed } = successfulRun(result, `${PLAYBOOK_EXAMPLES.health} (healthy account)`, startedAt);
		checkHealthRun(run, world, 'na2', { printedRun: printed });
		// "When all is well nothing is sent": the emulator's report of this seller has no metric past a target
		expect(world.playbooks.weCom.messages).toEqual([]);
		expect(world.proxy.refused).toEqual([]);
	});
});

describe('refund approval in a real n8n', () => {
	let world: E2eWorld;

	beforeAll(async () => {
		world = await startWorld();
		await world.n8n.importWorkflows(examples.filter((example) => example.file === PLAYBOOK_EXAMPLES.approval).map((example) => prepareForImport(example, world.filesFolder)));
	});

	afterAll(async () => {
		await world?.close();
	});

	it(`${PLAYBOOK_EXAMPLES.approval}: active under \`n8n start\`, small refunds straight to the ERP, each large one waits for the manager's Approve / Reject in Slack`, async () => {
		world.playbooks.clear();
		world.slack.messages.splice(0);
		const startedAt = world.emulator.control.now().toISOString();
		await world.n8n.publishWorkflow(e2eWorkflowId(PLAYBOOK_EXAMPLES.approval));
		const n8n = await world.n8n.start();
		try {
			// the trigger's first poll (on activation) reads the last day of refunds of every store of the credential
			await untilReceived(() => world.emulator.control.requests().some((entry) => entry.operation === 'listFinancialEvents' && entry.at >= startedAt), 60_000, `the trigger's first poll\n${tail(n8n.output(), 20)}`);
			const call = world.emulator.control.requests().find((entry) => entry.operation === 'listFinancialEvents' && entry.at >= startedAt)!;
			const lines = refundLinesOf(world.emulator, 'na', call);
			const large = lines.filter((line) => -line.totalMinor > THRESHOLD_MINOR[line.event.currency]);
			const small = lines.filter((line) => !large.includes(line));
			// the day's data has both kinds (the seeded stove refunds are above 50.00 USD)
			expect(large.length).toBeGreaterThan(0);
			expect(small.length).toBeGreaterThan(0);

			// small ones: booked at once, marked as not needing approval
			await untilReceived(() => world.playbooks.erpRefunds.received.length >= small.length, 60_000, `${small.length} ERP posts of small refunds\n${tail(n8n.output(), 20)}`);

			// large ones: one Slack message at a time; the manager approves the 1st, 3rd, … and rejects the others
			const decisions = new Map<string, boolean>();
			for (let index = 0; index < large.length; index++) {
				await untilReceived(() => world.slack.messages.length > index, 60_000, `approval request ${index + 1} of ${large.length} in Slack\n${tail(n8n.output(), 20)}`);
				const message = world.slack.messages[index];
				expect(message.channel).toBe('#refund-approvals');
				const buttons = message.blocks?.flatMap((block) => block.elements ?? []) ?? [];
				expect(buttons.map((button) => button.text?.text)).toEqual(['拒绝 Reject', '批准 Approve']);
				const approve = index % 2 === 0;
				const url = buttons.find((button) => button.text?.text === (approve ? '批准 Approve' : '拒绝 Reject'))!.url!;
				// n8n's signed resume link of this waiting execution, on this n8n
				expect(url.startsWith(`${n8n.url}/webhook-waiting/`)).toBe(true);
				expect(new URL(url).searchParams.get('approved')).toBe(approve ? 'true' : 'false');
				const [, amount, currency] = /· (\d+\.\d{2}) ([A-Z]{3}) \(threshold/.exec(message.text) ?? [];
				const order = /Order (\d{3}-\d{7}-\d{7}) · SKU (\S+)/.exec(message.text);
				expect(order).not.toBeNull();
				decisions.set(`${order![1]}|${order![2]}|${amount}`, approve);
				expect(Object.keys(THRESHOLD_MINOR)).toContain(currency);
				// the message goes out a moment before n8n has put the execution on hold (409 until then)
				let status = 409;
				for (const tryUntil = Date.now() + 30_000; status === 409 && Date.now() < tryUntil; ) {
					status = (await fetch(url, { headers: { 'user-agent': BROWSER } })).status;
					if (status === 409) await sleep(500);
				}
				expect(status).toBe(200);
			}
			const approved = large.filter((line) => decisions.get(lineKey(line)) === true);
			const rejected = large.filter((line) => decisions.get(lineKey(line)) === false);
			expect(approved.length + rejected.length).toBe(large.length);
			await untilReceived(() => world.playbooks.erpRefunds.received.length >= small.length + approved.length, 60_000, `the approved refunds in the ERP\n${tail(n8n.output(), 20)}`);
			await untilReceived(() => world.sheets.rows(PLAYBOOK_PLACEHOLDERS.reviewSheet).length >= 1 + rejected.length || rejected.length === 0, 60_000, `the rejected refunds in the review sheet\n${tail(n8n.output(), 20)}`);
			await new Promise((resolve) => setTimeout(resolve, 1000));

			// every refund exactly once: small and approved ones in the ERP, rejected ones in the review sheet, nothing asked twice
			expect(world.slack.messages).toHaveLength(large.length);
			const posts = world.playbooks.erpRefunds.received.map(({ body }) => body as Record<string, string | null>);
			const postKey = (post: Record<string, string | null>) => `${post.amazonOrderId}|${post.sku}|${post.refundedAmount}`;
			expect(posts.filter((post) => post.approval === 'not needed').map(postKey).sort()).toEqual(small.map((line) => lineKey(line)).sort());
			expect(posts.filter((post) => post.approval === 'approved').map(postKey).sort()).toEqual(approved.map((line) => lineKey(line)).sort());
			expect(posts).toHaveLength(small.length + approved.length);
			for (const post of posts) {
				// exact decimal text (the trigger's `totalExact`; its `total` is a number), the sign of Amazon's total kept in `total`
				expect(post.total).toBe(`-${post.refundedAmount}`);
				expect(post.threshold).toBe(minorToDecimalText(THRESHOLD_MINOR[String(post.currency)], 2).replace(/\.00$/, ''));
			}
			const [header, ...rows] = world.sheets.rows(PLAYBOOK_PLACEHOLDERS.reviewSheet);
			expect(header).toEqual(['Refund key', 'Order ID', 'SKU', 'Marketplace', 'Posted (local time)', 'Currency', 'Refunded amount', 'Threshold', 'Rejected at']);
			// "Refunded amount" goes in as a number (the sheet sums it): the same money as Amazon's total
			expect(rows.every((row) => typeof row[6] === 'number')).toBe(true);
			expect(rows.map((row) => `${String(row[1])}|${String(row[2])}|${String(row[6])}`).sort()).toEqual(rejected.map((line) => lineKey(line, 'number')).sort());
			noteReceived('refund approval (na)', {
				smallToErp: small.length,
				slackApprovalMessages: world.slack.messages.length,
				approvedToErp: approved.length,
				rejectedToReviewSheet: rejected.length,
				firstSlackMessage: world.slack.messages[0]?.text,
			});
			// nothing of the workflow tried to reach a host without a stand-in (n8n start itself asks api.n8n.io for news)
			expect(world.proxy.refused.filter((host) => !host.startsWith('api.n8n.io:'))).toEqual([]);
		} finally {
			await n8n.stop();
		}
		await world.n8n.unpublishWorkflow(e2eWorkflowId(PLAYBOOK_EXAMPLES.approval));
	}, 300_000);
});
