/**
 * Transfers 2024-06-01: payouts and expected payouts (from the settlement periods, see data/payouts.ts),
 * the seller's payment methods (deposit bank account, card, Seller Wallet accounts) and on-demand payouts,
 * which Amazon allows once per marketplace and account type within 24 hours, in its EU stores only.
 */
import { createHash } from 'node:crypto';
import { findMarketplace } from '../../../nodes/sp-api/marketplaces';
import {
	groupBalanceAt,
	ON_DEMAND_ACCOUNT_TYPE,
	onDemandPayouts,
	PAYOUT_ACCOUNT_TYPE,
	paymentRailOf,
	payoutHistory,
	scheduledPayouts,
	type PayoutRecord,
} from '../data/payouts';
import { walletStore } from '../data/walletStore';
import { DAY } from '../data/timing';
import { ApiError } from '../http/errors';
import { camelMoney } from '../money';
import { listParam, optionalDateTime } from '../params';
import { isoDate } from '../format/transactions';
import { startPaging } from './paged';
import { sellerOf, type RouteHandler, type RouteTable } from './types';

/** Amazon documents no page size for payouts; a small one keeps paging exercised. */
const PAYOUTS_PER_PAGE = 10;
/** "This API supports the following marketplaces: DE, FR, IT, ES, SE, NL, PL, and BE." */
const ON_DEMAND_COUNTRIES = ['DE', 'FR', 'IT', 'ES', 'SE', 'NL', 'PL', 'BE'];

function invalidInput(): ApiError {
	return new ApiError(400, 'InvalidInput', 'Invalid input', 'Invalid input');
}

function requestedMarketplaces(query: URLSearchParams): string[] | undefined {
	const ids = listParam(query, 'marketplaceIds');
	if (ids?.some((id) => findMarketplace(id)?.id !== id)) throw invalidInput();
	return ids;
}

function payoutJson(payout: PayoutRecord, atMs: number): Record<string, unknown> {
	const history = payoutHistory(payout, atMs);
	const json: Record<string, unknown> = {
		id: payout.id,
		partnerMetadata: { partnerId: payout.sellerId, accountType: PAYOUT_ACCOUNT_TYPE, marketplaceId: payout.marketplaceId },
		currentStatus: history[history.length - 1].status,
		statusHistory: history.map((step) => ({ status: step.status, lastUpdatedDate: isoDate(step.at) })),
	};
	if (payout.amountMinor > 0) {
		json.type = payout.type;
		json.amount = camelMoney(payout.amountMinor, payout.currency);
		json.accountTail = payout.accountTail;
		json.paymentMethod = 'BANK_ACCOUNT';
		json.paymentRail = paymentRailOf(payout.marketplaceId);
		json.traceId = payout.traceId;
	}
	json.creationDate = isoDate(payout.createdAt);
	json.period = { startDate: isoDate(payout.periodStart), ...(payout.periodEnd !== undefined ? { endDate: isoDate(payout.periodEnd) } : {}) };
	if (payout.settlementId) json.relatedIdentifiers = [{ relatedIdentifierName: 'SETTLEMENT_ID', relatedIdentifierValue: payout.settlementId }];
	return json;
}

const listPayouts: RouteHandler = (request, context) => {
	const { query } = request;
	const marketplaces = requestedMarketplaces(query);
	const after = optionalDateTime(query, 'createdAfter');
	const before = optionalDateTime(query, 'createdBefore');
	if (after !== undefined && before !== undefined && after >= before) throw invalidInput();
	const payoutId = query.get('payoutId');
	const accountType = query.get('accountType');
	const paging = startPaging(request, context, 'nextToken');
	const snapshot = paging.cursor.snapshotMs;
	const seller = sellerOf(request);
	const all = [...scheduledPayouts(context.state.dataFor(seller.sellerId).groups, snapshot), ...onDemandPayouts(context.state).of(seller.sellerId)];
	const payouts = all
		.filter(
			(payout) =>
				payout.createdAt <= snapshot &&
				(marketplaces === undefined || marketplaces.includes(payout.marketplaceId)) &&
				(after === undefined || payout.createdAt >= after) &&
				(before === undefined || payout.createdAt < before) &&
				(payoutId === null || payout.id === payoutId) &&
				(accountType === null || accountType === PAYOUT_ACCOUNT_TYPE),
		)
		// grouped by account (currency), newest first within each
		.sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : b.createdAt - a.createdAt));
	const page = paging.page(payouts, PAYOUTS_PER_PAGE);
	const body: Record<string, unknown> = { payouts: page.items.map((payout) => payoutJson(payout, context.clock.nowMs())) };
	if (page.nextToken) body.nextToken = page.nextToken;
	return { status: 200, body };
};

const listExpectedPayouts: RouteHandler = (request, context) => {
	const marketplaces = requestedMarketplaces(request.query);
	const accountType = request.query.get('accountType');
	const paging = startPaging(request, context, 'nextToken');
	const now = paging.cursor.snapshotMs;
	const seller = sellerOf(request);
	const open = context.state
		.dataFor(seller.sellerId)
		.groups.filter(
			(group) =>
				group.startAt <= now &&
				now < group.endAt &&
				(marketplaces === undefined || group.marketplaceIds.some((id) => marketplaces.includes(id))) &&
				(accountType === null || accountType === PAYOUT_ACCOUNT_TYPE),
		);
	const expected = open.map((group) => {
		const balance = groupBalanceAt(group, now);
		const json: Record<string, unknown> = {
			partnerMetadata: { partnerId: seller.sellerId, accountType: PAYOUT_ACCOUNT_TYPE, marketplaceId: group.marketplaceIds[0] },
		};
		if (balance > 0) {
			json.amount = camelMoney(balance, group.currency);
			json.status = 'SCHEDULED';
			json.scheduledDate = isoDate(group.fundTransferAt);
			json.accountTail = group.accountTail;
			json.paymentMethod = 'BANK_ACCOUNT';
		} else {
			json.status = 'NO_PAYOUT_EXPECTED';
		}
		json.period = { startDate: isoDate(group.startAt), endDate: isoDate(group.endAt) };
		json.relatedIdentifiers = [{ relatedIdentifierName: 'SETTLEMENT_ID', relatedIdentifierValue: group.settlementId }];
		return json;
	});
	const page = paging.page(expected, PAYOUTS_PER_PAGE);
	const body: Record<string, unknown> = { expectedPayouts: page.items };
	if (page.nextToken) body.nextToken = page.nextToken;
	return { status: 200, body };
};

const PAYMENT_METHOD_TYPES = ['BANK_ACCOUNT', 'CARD', 'SELLER_WALLET'];

function methodId(prefix: string, ...parts: string[]): string {
	return `0h_${prefix}_${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 32)}`;
}

const getPaymentMethods: RouteHandler = (request, context) => {
	const marketplaceId = request.query.get('marketplaceId') ?? '';
	const marketplace = findMarketplace(marketplaceId);
	const seller = sellerOf(request);
	if (!marketplace || marketplace.id !== marketplaceId || !seller.marketplaceIds.includes(marketplaceId)) {
		throw new ApiError(400, 'InvalidInput', `Validation failed for: ${marketplaceId}`);
	}
	const types = listParam(request.query, 'paymentMethodTypes');
	if (types?.some((type) => !PAYMENT_METHOD_TYPES.includes(type))) throw new ApiError(400, 'InvalidInput', `Validation failed for: ${types.join(',')}`);
	const wanted = (type: string) => types === undefined || types.includes(type);
	const country = marketplace.countryCode === 'UK' ? 'GB' : marketplace.countryCode;
	const group = context.state.dataFor(seller.sellerId).groups.find((candidate) => candidate.currency === marketplace.currency);
	const methods: Record<string, unknown>[] = [];
	if (wanted('BANK_ACCOUNT') && group) {
		methods.push({
			accountHolderName: `${seller.storeName} Ltd.`,
			paymentMethodId: methodId('BA', seller.sellerId, marketplace.currency),
			tail: group.accountTail,
			countryCode: country,
			paymentMethodType: 'BANK_ACCOUNT',
			assignmentType: 'DEFAULT_DEPOSIT_METHOD',
		});
	}
	if (wanted('CARD')) {
		methods.push({
			accountHolderName: 'Alex Acorn',
			paymentMethodId: methodId('CC', seller.sellerId),
			tail: seller.sellerId.slice(-4).replace(/\D/g, '7').padStart(4, '4'),
			expiryDate: { month: '09', year: '2031' },
			countryCode: country,
			paymentMethodType: 'CARD',
		});
	}
	if (wanted('SELLER_WALLET')) {
		// "Your Amazon Seller Wallet bank account identifier should match the paymentMethodId."
		for (const account of walletStore(context.state).walletOf(seller.sellerId).accounts) {
			methods.push({
				accountHolderName: account.holderName,
				paymentMethodId: account.accountId,
				tail: '000',
				countryCode: account.countryCode,
				paymentMethodType: 'SELLER_WALLET',
			});
		}
	}
	return { status: 200, body: { paymentMethods: methods } };
};

const initiatePayout: RouteHandler = (request, context) => {
	const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
	const marketplaceId = typeof body.marketplaceId === 'string' ? body.marketplaceId : '';
	const accountType = typeof body.accountType === 'string' ? body.accountType : '';
	const marketplace = findMarketplace(marketplaceId);
	const seller = sellerOf(request);
	if (!marketplace || marketplace.id !== marketplaceId || !accountType) throw invalidInput();
	if (!ON_DEMAND_COUNTRIES.includes(marketplace.countryCode)) {
		throw new ApiError(400, 'InvalidInput', `On-demand payouts are not supported in marketplace ${marketplaceId}.`);
	}
	if (accountType !== ON_DEMAND_ACCOUNT_TYPE) throw new ApiError(400, 'InvalidInput', `Invalid accountType: ${accountType}. For supported EU marketplaces, the only account type is ${ON_DEMAND_ACCOUNT_TYPE}.`);
	if (!seller.marketplaceIds.includes(marketplaceId)) {
		throw new ApiError(400, 'NoDepositMethod', 'No deposit method found for the selling partner. Add a valid deposit method and try again.');
	}
	const now = context.clock.nowMs();
	const payouts = onDemandPayouts(context.state);
	if (payouts.of(seller.sellerId).some((payout) => payout.marketplaceId === marketplaceId && now - payout.createdAt < DAY)) {
		throw new ApiError(400, 'InvalidInput', 'Only one on-demand payout can be initiated for each marketplace and account type within a 24-hour period.');
	}
	const group = context.state
		.dataFor(seller.sellerId)
		.groups.find((candidate) => candidate.currency === marketplace.currency && candidate.startAt <= now && now < candidate.endAt);
	const balance = group ? groupBalanceAt(group, now) : 0;
	if (!group || balance <= 0) {
		throw new ApiError(400, 'InsufficientPayoutAmount', 'The available balance is less than the minimum permissible payout amount. No payout will be initiated.');
	}
	const payoutReferenceId = createHash('sha256').update(`${seller.sellerId}|${marketplaceId}|${now}|payout`).digest('base64url');
	payouts.add({
		sellerId: seller.sellerId,
		marketplaceId,
		currency: marketplace.currency,
		type: 'ON_DEMAND',
		amountMinor: balance,
		createdAt: now,
		accountTail: group.accountTail,
		traceId: payoutReferenceId.slice(0, 15).toUpperCase(),
		periodStart: group.startAt,
		periodEnd: now,
		payoutReferenceId,
	});
	return { status: 200, body: { payoutReferenceId } };
};

export const transfersRoutes: RouteTable = { listPayouts, listExpectedPayouts, getPaymentMethods, initiatePayout };
