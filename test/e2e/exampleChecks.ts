/**
 * What each example must have done when it ran in the real n8n: one entry per examples/*.json.
 * Adding an example = its JSON file + one entry here (the e2e run fails for an example without one).
 * Expected values come from the emulator's own data and fixtures, never from ACORN's code.
 */
import type { IRun } from 'n8n-workflow';
import { currencyDigits } from '../emulator/money';
import type { FinancialEventGroupRecord } from '../emulator';
import type { E2eWorld } from './world';
import { minorToDecimalText, outputOf, ranNodes } from './runAssertions';

export interface ExampleCheck {
	/** What the example is expected to do, in one line (used as the test name). */
	does: string;
	check(run: IRun, world: E2eWorld): void;
}

const DAY_MS = 86_400_000;

function groupsOf(world: E2eWorld, sellerKey: 'na', nowMs: number): FinancialEventGroupRecord[] {
	return world.emulator.control.state.dataFor(sellerKey).groups.filter((group) => group.startAt <= nowMs);
}

function totalText(group: FinancialEventGroupRecord): string {
	return minorToDecimalText(group.totalMinor, currencyDigits(group.currency));
}

export const EXAMPLE_CHECKS: Record<string, ExampleCheck> = {
	'marketplaces-to-slack.json': {
		does: 'posts the list of marketplaces of the seller account to Slack',
		check(run, world) {
			const seller = world.emulator.fixtures.sellers.na;
			const marketplaces = outputOf(run, 'Amazon Seller Account');
			expect(marketplaces.map((m) => m.marketplaceId).sort()).toEqual([...seller.marketplaceIds].sort());
			expect(world.slack.messages).toHaveLength(1);
			const [message] = world.slack.messages;
			expect(message.channel).toBe('#amazon-alerts');
			expect(message.request.host).toBe('slack.com');
			const lines = message.text.split('\n');
			expect(lines[0]).toBe(`*Amazon marketplaces of this seller account* (${seller.marketplaceIds.length})`);
			expect(lines).toHaveLength(1 + seller.marketplaceIds.length);
			for (const item of marketplaces) {
				expect(lines).toContain(`• ${item.countryCode} ${item.marketplaceName} (${item.currency}, ${item.domain})`);
			}
			expect(new Set(marketplaces.map((m) => m.countryCode))).toEqual(new Set(['US', 'CA', 'MX']));
		},
	},

	'settlements-to-erp.json': {
		does: 'sends every closed settlement period of the last 35 days to the ERP webhook, amounts exact',
		check(run, world) {
			const startedAt = new Date(run.startedAt).getTime();
			const expected = groupsOf(world, 'na', startedAt).filter(
				(group) => group.startAt >= startedAt - 35 * DAY_MS && group.endAt <= startedAt,
			);
			expect(expected.length).toBeGreaterThan(0);
			const open = groupsOf(world, 'na', startedAt).filter((group) => group.startAt >= startedAt - 35 * DAY_MS && group.endAt > startedAt);
			// The Finances node returned open and closed periods; the Filter kept the closed ones.
			expect(outputOf(run, 'Amazon Finances')).toHaveLength(expected.length + open.length);
			expect(outputOf(run, 'Closed periods only')).toHaveLength(expected.length);
			expect(world.erp.received).toHaveLength(expected.length);
			const byId = new Map(world.erp.received.map(({ body }) => [(body as { settlementPeriodId: string }).settlementPeriodId, body as Record<string, unknown>]));
			for (const group of expected) {
				const body = byId.get(group.groupId);
				expect(body).toBeDefined();
				expect(body).toMatchObject({
					source: 'amazon-sp-api',
					status: 'Closed',
					amount: totalText(group),
					currency: group.currency,
					bankAccountTail: group.accountTail,
				});
				expect(Date.parse(String(body?.periodStart))).toBe(group.startAt);
				expect(Date.parse(String(body?.periodEnd))).toBe(group.endAt);
				// Amounts travel as exact decimal text, never as floating point numbers.
				expect(typeof body?.amount).toBe('string');
			}
			for (const { request } of world.erp.received) {
				expect(request.host).toBe('erp.example.com');
				expect(request.headers['content-type']).toContain('application/json');
			}
		},
	},

	'settlements-to-dingtalk.json': {
		does: 'posts the 5 latest settlement periods to a DingTalk robot with a valid signature',
		check(run, world) {
			const startedAt = new Date(run.startedAt).getTime();
			const newestFirst = groupsOf(world, 'na', startedAt).sort((a, b) => b.startAt - a.startAt || (a.currency < b.currency ? -1 : 1));
			const latest = newestFirst.slice(0, 5);
			expect(outputOf(run, 'Amazon Finances').map((item) => item.financialEventGroupId)).toEqual(latest.map((group) => group.groupId));
			expect(world.dingTalk.rejected).toEqual([]);
			expect(world.dingTalk.messages).toHaveLength(1);
			const [message] = world.dingTalk.messages;
			expect(message.msgtype).toBe('markdown');
			expect(message.title).toBe('Amazon 结算周期');
			const lines = message.text.split('\n').filter((line) => line.startsWith('- '));
			expect(lines).toHaveLength(5);
			latest.forEach((group, index) => {
				const closed = group.endAt <= startedAt;
				expect(lines[index]).toContain(new Date(group.startAt).toISOString().slice(0, 10));
				// Open periods show their running balance, which this check does not recompute.
				if (closed) expect(lines[index]).toContain(`**${totalText(group)} ${group.currency}**`);
				else expect(lines[index]).toContain('(Open)');
			});
			expect(ranNodes(run)).toContain('Sent');
			expect(ranNodes(run)).not.toContain('DingTalk refused the message');
		},
	},
};
