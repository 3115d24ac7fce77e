/**
 * The runs every real-n8n world makes of the examples a person starts (Manual Trigger): `n8n execute`
 * of the example as imported, then its check from exampleChecks.ts. Shared by the North America run
 * (examples.e2e.ts) and the one-region runs (oneRegion.e2e.ts).
 */
import { EXAMPLE_CHECKS } from './exampleChecks';
import { e2eWorkflowId, MANUAL_TRIGGER, type Example } from './examples';
import { expectSuccessfulRun, successfulRun } from './runAssertions';
import type { E2eWorld } from './world';

/** Examples a person starts (Manual Trigger): run with `n8n execute`. The others wait for Amazon. */
export function manualExamplesOf(examples: readonly Example[]): Example[] {
	return examples.filter((example) => example.workflow.nodes.some((node) => node.type === MANUAL_TRIGGER));
}

/** Empties what the stand-ins received, so each example's check sees only its own run. */
export function resetReceivers(world: E2eWorld): void {
	world.slack.messages.splice(0);
	world.dingTalk.messages.splice(0);
	world.dingTalk.rejected.splice(0);
	world.erp.received.splice(0);
	world.erpReports.received.splice(0);
	world.erpSettlementReports.received.splice(0);
	world.smtp.messages.splice(0);
	world.proxy.refused.splice(0);
}

/** One test per manual example: it runs unchanged in the world's n8n and does what its check says. */
export function itRunsEachManualExample(examples: readonly Example[], world: () => E2eWorld, label = ''): void {
	describe.each(manualExamplesOf(examples).map((example) => [example.file, example] as const))('%s', (file, example) => {
		const check = EXAMPLE_CHECKS[file];
		(check ? it : it.skip)(`${label}${check?.does ?? 'has no check'}`, async () => {
			check.prepare?.(world());
			// A seller runs these hours apart: each starts with Amazon's usage plans full (the emulator runs at
			// Amazon's real rates here, and five EU stores' reports of the examples before would otherwise use up
			// createReport's burst of 15, so that the next one waits a minute per report). Pacing within a run is
			// what the runs show.
			world().emulator.control.refillRateLimits();
			try {
				const startedAt = Date.now();
				const result = await world().n8n.execute(e2eWorkflowId(example.file));
				const what = `${file}${label ? ` (${label.trim()})` : ''}`;
				const { run, printed } = check.holdsWithoutPrintedRun ? successfulRun(result, what, startedAt) : { run: expectSuccessfulRun(result, what), printed: true };
				check.check(run, world(), { printedRun: printed });
			} finally {
				check.cleanup?.(world());
			}
			// Nothing tried to reach a host without a stand-in (nothing would have left the machine anyway).
			expect(world().proxy.refused).toEqual([]);
		});
	});
}
