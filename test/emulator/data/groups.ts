/**
 * Financial event groups: per seller and currency account, consecutive 14-day settlement periods.
 * An event joins the group that is open when Amazon settles it (`settledAt`: when it becomes visible,
 * or when a deferred payment is released). So a group's OriginalTotal always equals the exact sum of the
 * events listFinancialEventsByGroupId returns, and, as with Amazon, an event posted shortly before a
 * period ends can sit in the next group.
 */
import type { Random } from '../random';
import type { FinanceEvent, FinancialEventGroupRecord } from './model';
import { DAY, HOUR, startOfUtcDay } from './timing';

export const SETTLEMENT_PERIOD_MS = 14 * DAY;

export interface GroupInput {
	random: Random;
	sellerId: string;
	nowMs: number;
	historyDays: number;
	/** Marketplace ids of the seller per currency. */
	marketplacesByCurrency: Map<string, string[]>;
}

function compareSettlement(a: FinanceEvent, b: FinanceEvent): number {
	return a.settledAt - b.settledAt || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

/** Builds the groups of every currency account and stamps `groupId` on each event. */
export function buildGroups(input: GroupInput, events: FinanceEvent[]): FinancialEventGroupRecord[] {
	const { random, nowMs, historyDays } = input;
	const groups: FinancialEventGroupRecord[] = [];
	for (const [currency, marketplaceIds] of input.marketplacesByCurrency) {
		const accountEvents = events.filter((event) => event.currency === currency).sort(compareSettlement);
		// Each account closes its periods on its own weekday and time of day, like real settlements.
		const boundary = startOfUtcDay(nowMs) - random.int(0, 13) * DAY + random.int(0, 86399) * 1000;
		const periodIndex = (ms: number): number => Math.floor((ms - boundary) / SETTLEMENT_PERIOD_MS);
		const historyStart = nowMs - historyDays * DAY;
		const firstIndex = Math.min(periodIndex(historyStart), ...accountEvents.map((event) => periodIndex(event.settledAt)));
		const lastIndex = Math.max(periodIndex(nowMs), ...accountEvents.map((event) => periodIndex(event.settledAt)));
		const accountTail = random.digits(3);
		const accountGroups: FinancialEventGroupRecord[] = [];
		for (let index = firstIndex; index <= lastIndex; index++) {
			const startAt = boundary + index * SETTLEMENT_PERIOD_MS;
			const endAt = startAt + SETTLEMENT_PERIOD_MS;
			accountGroups.push({
				groupId: random.base64url(43),
				sellerId: input.sellerId,
				currency,
				marketplaceIds,
				startAt,
				endAt,
				fundTransferAt: endAt + random.int(1, 6) * HOUR + random.int(0, 3599) * 1000,
				traceId: random.upperAlnum(16),
				accountTail,
				settlementId: `${random.int(1, 9)}${random.digits(10)}`,
				events: [],
				totalMinor: 0,
			});
		}
		for (const event of accountEvents) {
			const group = accountGroups[periodIndex(event.settledAt) - firstIndex];
			event.groupId = group.groupId;
			group.events.push(event);
			group.totalMinor += event.totalMinor;
		}
		groups.push(...accountGroups);
	}
	return groups.sort((a, b) => a.startAt - b.startAt || (a.currency < b.currency ? -1 : 1));
}
