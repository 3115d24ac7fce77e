/**
 * Payouts (Transfers API 2024-06-01) derived from the settlement periods: a closed period with a
 * positive total is paid out to the seller's deposit account when its funds transfer starts; the open
 * period is the expected payout. On-demand payouts (initiatePayout) are kept per emulator.
 */
import { createHash } from 'node:crypto';
import { findMarketplace } from '../../../nodes/sp-api/marketplaces';
import type { EmulatorState } from './state';
import type { FinancialEventGroupRecord } from './model';
import { DAY, HOUR } from './timing';

export const PAYOUT_ACCOUNT_TYPE = 'STANDARD_ORDERS';
/** What initiatePayout expects: "For supported EU marketplaces, the only account type is Standard Orders." */
export const ON_DEMAND_ACCOUNT_TYPE = 'Standard Orders';

export type PayoutStatus = 'STARTED' | 'IN_TRANSIT' | 'PAID' | 'FAILED' | 'CANCELLED' | 'NO_PAYOUT';

export interface PayoutRecord {
	id: string;
	sellerId: string;
	marketplaceId: string;
	currency: string;
	type: 'SCHEDULED' | 'ON_DEMAND';
	/** Absent or not positive: nothing to pay (NO_PAYOUT). */
	amountMinor: number;
	createdAt: number;
	accountTail: string;
	traceId: string;
	periodStart: number;
	periodEnd?: number;
	settlementId?: string;
	/** initiatePayout's answer for on-demand payouts. */
	payoutReferenceId?: string;
}

const IN_TRANSIT_AFTER_MS = 6 * HOUR;
const PAID_AFTER_MS = 2 * DAY;

/** The status history of a payout as of `atMs` (only what has happened by then). */
export function payoutHistory(payout: PayoutRecord, atMs: number): Array<{ status: PayoutStatus; at: number }> {
	if (payout.amountMinor <= 0) return [{ status: 'NO_PAYOUT', at: payout.createdAt }];
	const steps: Array<{ status: PayoutStatus; at: number }> = [
		{ status: 'STARTED', at: payout.createdAt },
		{ status: 'IN_TRANSIT', at: payout.createdAt + IN_TRANSIT_AFTER_MS },
		{ status: 'PAID', at: payout.createdAt + PAID_AFTER_MS },
	];
	return steps.filter((step) => step.at <= atMs);
}

export function paymentRailOf(marketplaceId: string): string {
	const country = findMarketplace(marketplaceId)?.countryCode;
	switch (country) {
		case 'US':
			return 'ACH';
		case 'CA':
			return 'EFT';
		case 'MX':
			return 'SPEI';
		case 'UK':
			return 'FPS';
		case 'JP':
			return 'ZENGIN';
		case 'AU':
			return 'BECS';
		default:
			return 'SEPA';
	}
}

function numericId(text: string): string {
	const digits = BigInt(`0x${createHash('sha256').update(text).digest('hex').slice(0, 15)}`).toString().slice(0, 11);
	return digits.padStart(11, '1');
}

/** Sum of a group's events settled by `atMs`: what an open period would pay now. */
export function groupBalanceAt(group: FinancialEventGroupRecord, atMs: number): number {
	let total = 0;
	for (const event of group.events) if (event.settledAt <= atMs) total += event.totalMinor;
	return total;
}

/** Scheduled payouts: one per closed period whose funds transfer has started by `atMs`. */
export function scheduledPayouts(groups: readonly FinancialEventGroupRecord[], atMs: number): PayoutRecord[] {
	return groups
		.filter((group) => group.fundTransferAt <= atMs)
		.map((group) => ({
			id: group.settlementId,
			sellerId: group.sellerId,
			marketplaceId: group.marketplaceIds[0],
			currency: group.currency,
			type: 'SCHEDULED' as const,
			amountMinor: group.totalMinor,
			createdAt: group.fundTransferAt,
			accountTail: group.accountTail,
			traceId: group.traceId,
			periodStart: group.startAt,
			periodEnd: group.endAt,
			settlementId: group.settlementId,
		}));
}

/** On-demand payouts of one emulator. */
export class OnDemandPayouts {
	private readonly payouts: PayoutRecord[] = [];

	of(sellerId: string): PayoutRecord[] {
		return this.payouts.filter((payout) => payout.sellerId === sellerId);
	}

	add(payout: Omit<PayoutRecord, 'id'>): PayoutRecord {
		const record: PayoutRecord = { ...payout, id: numericId(`${payout.sellerId}|${payout.marketplaceId}|${payout.createdAt}|${this.payouts.length}`) };
		this.payouts.push(record);
		return record;
	}
}

const onDemand = new WeakMap<EmulatorState, OnDemandPayouts>();

export function onDemandPayouts(state: EmulatorState): OnDemandPayouts {
	let found = onDemand.get(state);
	if (!found) {
		found = new OnDemandPayouts();
		onDemand.set(state, found);
	}
	return found;
}
