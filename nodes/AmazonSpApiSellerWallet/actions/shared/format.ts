/**
 * Items a person reads: Amazon's answers flattened into plain fields first (exact decimal money with
 * its currency, UTC and marketplace-local times, statuses in words), Amazon's original under `raw`.
 * Amazon only ever sends the last three characters of account numbers; nothing here adds more.
 */
import type { IDataObject } from 'n8n-workflow';
import { toLocalIso } from '../../../sp-api/dates';
import { totalsByCurrency, type Money } from '../../../sp-api/money';
import { decimalText, moneyJson, moneyOf } from './money';
import { tr } from '../../../sp-api/i18n/translate';

type Json = Record<string, unknown>;

function object(value: unknown): Json {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function list(value: unknown): Json[] {
	return Array.isArray(value) ? value.filter((entry): entry is Json => !!entry && typeof entry === 'object') : [];
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Drops undefined fields so items stay readable. */
function compact(json: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(json).filter(([, value]) => value !== undefined)) as IDataObject;
}

export function flattenAccount(account: unknown): IDataObject {
	const a = object(account);
	return compact({
		accountId: text(a.accountId),
		currency: text(a.accountCurrency),
		countryCode: text(a.accountCountryCode),
		bankName: text(a.bankName),
		accountHolderName: text(a.accountHolderName),
		bankAccountNumberTail: text(a.bankAccountNumberTail),
		ownership: text(a.bankAccountOwnershipType),
		holderStatus: text(a.bankAccountHolderStatus),
		raw: a as IDataObject,
	});
}

/** One item per account: each balance type as exact money. */
export function flattenBalances(accountId: string, balances: unknown): IDataObject {
	const entries = list(balances);
	const byType = (type: string): IDataObject | undefined => {
		const found = entries.find((entry) => entry.balanceType === type);
		return found ? moneyJson({ currencyCode: found.balanceCurrency, currencyAmount: found.balanceAmount }) : undefined;
	};
	const updated = entries.map((entry) => text(entry.lastUpdateDate)).filter((date): date is string => !!date).sort();
	return compact({
		accountId,
		currency: text(entries[0]?.balanceCurrency),
		available: byType('AVAILABLE'),
		lockedIn: byType('LOCKED_IN'),
		lockedOut: byType('LOCKED_OUT'),
		total: byType('TOTAL'),
		lastUpdateDate: updated[updated.length - 1],
		raw: entries as IDataObject[],
	});
}

function fees(details: Json): IDataObject[] {
	return list(details.fees).map((fee) =>
		compact({ feeId: text(fee.feeId), type: text(fee.feeType), ratePercent: text(fee.feeRateValue), amount: moneyJson(fee.feeAmount) }),
	);
}

/** A transfer preview; `transferRateDetails` is Amazon's object, ready for Create Transaction. */
export function flattenPreview(preview: unknown): IDataObject {
	const p = object(preview);
	const fx = object(p.fxRateDetails);
	const feeMoney = list(p.fees)
		.map((fee) => moneyOf(fee.feeAmount))
		.filter((m): m is Money => !!m);
	return compact({
		sourceAmount: moneyJson(p.baseAmount),
		transferAmount: moneyJson(p.transferAmount),
		baseRate: decimalText(fx.baseRate),
		effectiveFxRate: decimalText(fx.effectiveFxRate),
		rateDirection: text(fx.rateDirection),
		fxRateId: text(fx.fxRateId),
		fees: fees(p),
		totalFees: totalsByCurrency(feeMoney).map((m) => ({ ...m })),
		transferRateDetails: p as IDataObject,
	});
}

/** What a transfer's status means, in the seller's words (a function: the language is read when it is called). */
export function statusInWords(status: unknown): string | undefined {
	switch (status) {
		case 'PENDING_USER_APPROVAL':
			return tr`Waiting for the account holder to approve it (approval link); nothing has moved yet`;
		case 'IN_PROGRESS':
			return tr`Approved; the money is on its way`;
		case 'SUCCESSFUL':
			return tr`Done: the money was transferred`;
		case 'FAILED':
			return tr`Failed: no money moved`;
		case 'FAILED_CREDITS_APPLIED':
			return tr`Failed: the money was put back into the wallet`;
		case 'EXPIRED':
			return tr`Not approved in time: nothing was sent`;
		default:
			return undefined;
	}
}

function side(value: unknown): IDataObject | undefined {
	const a = object(value);
	if (Object.keys(a).length === 0) return undefined;
	return compact({
		accountId: text(a.accountId),
		accountHolderName: text(a.bankAccountHolderName),
		bankName: text(a.bankName),
		bankAccountNumberTail: text(a.bankAccountNumberTail),
		countryCode: text(a.bankAccountCountryCode),
		currency: text(a.bankAccountCurrency),
	});
}

export function flattenTransaction(transaction: unknown, timeZone: string): IDataObject {
	const t = object(transaction);
	const rates = object(t.transferRateDetails);
	const fx = object(rates.fxRateDetails);
	return compact({
		transactionId: text(t.transactionId),
		accountId: text(t.accountId),
		type: text(t.transactionType),
		status: text(t.transactionStatus),
		statusInWords: statusInWords(t.transactionStatus),
		amount: moneyJson(t.transactionRequestAmount),
		transferAmount: moneyJson(rates.transferAmount),
		finalAmount: moneyJson(t.transactionFinalAmount),
		fees: fees(rates),
		effectiveFxRate: decimalText(fx.effectiveFxRate),
		description: text(t.transactionDescription),
		requestedAt: text(t.transactionRequestDate),
		requestedAtLocal: toLocalIso(text(t.transactionRequestDate), timeZone),
		expectedCompletionDate: text(t.expectedCompletionDate),
		completedAt: text(t.transactionActualCompletionDate),
		lastUpdateDate: text(t.lastUpdateDate),
		source: side(t.transactionSourceAccount),
		destination: side(t.transactionDestinationAccount),
		failureReason: text(t.transactionFailureReason),
		requesterName: text(t.requesterName),
		requesterSource: text(t.transactionRequesterSource),
		raw: t as IDataObject,
	});
}

export function flattenSchedule(schedule: unknown): IDataObject {
	const s = object(schedule);
	const info = object(s.transferScheduleInformation);
	const expression = object(info.scheduleExpression);
	const preference = object(s.paymentPreference);
	return compact({
		transferScheduleId: text(s.transferScheduleId),
		status: text(s.transferScheduleStatus),
		type: text(s.transactionType),
		repeat: expression.scheduleExpressionType === 'ONE_TIME' ? 'ONE_TIME' : text(expression.recurringFrequency),
		startDate: text(info.scheduleStartDate),
		endDate: text(info.scheduleEndDate),
		paymentPreference: compact({ type: text(preference.paymentPreferencePaymentType), value: decimalText(preference.value) }),
		source: side(s.transactionSourceAccount),
		destination: side(s.transactionDestinationAccount),
		failures: list(s.transferScheduleFailures) as IDataObject[],
		raw: s as IDataObject,
	});
}

function identifier(value: unknown, name: string): string | undefined {
	return text(list(value).find((entry) => entry.relatedIdentifierName === name)?.relatedIdentifierValue);
}

export function flattenPayout(payout: unknown, timeZone: string): IDataObject {
	const p = object(payout);
	const partner = object(p.partnerMetadata);
	const period = object(p.period);
	return compact({
		payoutId: text(p.id),
		status: text(p.currentStatus),
		type: text(p.type),
		amount: moneyJson(p.amount),
		marketplaceId: text(partner.marketplaceId),
		accountType: text(partner.accountType),
		createdAt: text(p.creationDate),
		createdAtLocal: toLocalIso(text(p.creationDate), timeZone),
		periodStart: text(period.startDate),
		periodEnd: text(period.endDate),
		settlementId: identifier(p.relatedIdentifiers, 'SETTLEMENT_ID'),
		accountTail: text(p.accountTail),
		paymentMethod: text(p.paymentMethod),
		paymentRail: text(p.paymentRail),
		traceId: text(p.traceId),
		statusHistory: list(p.statusHistory) as IDataObject[],
		raw: p as IDataObject,
	});
}

export function flattenExpectedPayout(payout: unknown, timeZone: string): IDataObject {
	const p = object(payout);
	const partner = object(p.partnerMetadata);
	const period = object(p.period);
	return compact({
		status: text(p.status),
		amount: moneyJson(p.amount),
		scheduledDate: text(p.scheduledDate),
		scheduledDateLocal: toLocalIso(text(p.scheduledDate), timeZone),
		marketplaceId: text(partner.marketplaceId),
		accountType: text(partner.accountType),
		periodStart: text(period.startDate),
		periodEnd: text(period.endDate),
		settlementId: identifier(p.relatedIdentifiers, 'SETTLEMENT_ID'),
		accountTail: text(p.accountTail),
		paymentMethod: text(p.paymentMethod),
		raw: p as IDataObject,
	});
}

export function flattenPaymentMethod(method: unknown): IDataObject {
	const m = object(method);
	const expiry = object(m.expiryDate);
	return compact({
		paymentMethodId: text(m.paymentMethodId),
		type: text(m.paymentMethodType),
		tail: text(m.tail),
		accountHolderName: text(m.accountHolderName),
		countryCode: text(m.countryCode),
		isDefaultDepositMethod: m.assignmentType === 'DEFAULT_DEPOSIT_METHOD',
		expiry: text(expiry.month) && text(expiry.year) ? `${String(expiry.month)}/${String(expiry.year)}` : undefined,
		raw: m as IDataObject,
	});
}
