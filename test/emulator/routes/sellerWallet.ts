/**
 * Seller Wallet 2024-03-01: accounts, balances, transfer previews, transactions and transfer schedules
 * of the seller's wallet (data/walletStore.ts). A transaction created here waits for the account
 * holder's approval on its callBackURL (PENDING_USER_APPROVAL), then moves money; it expires unapproved.
 */
import { newPendingTransaction, walletStore, type WalletStore } from '../data/walletStore';
import type { ScheduleStatus, WalletScheduleRecord } from '../data/wallet';
import { isWalletCurrency, positiveMinorOf, quoteTransfer, type TransferQuote } from '../data/walletFx';
import { formatBalances, formatQuote, formatSchedule, formatWalletAccount, formatWalletTransaction } from '../format/wallet';
import { ApiError } from '../http/errors';
import { startPaging } from './paged';
import { sellerOf, type RouteContext, type RouteHandler, type RouteRequest, type RouteTable } from './types';
import {
	accountNotFound,
	accountOrThrow,
	amountAt,
	countryAt,
	dateTimeAt,
	destinationOf,
	enumAt,
	insufficientBalance,
	invalid,
	missingSignatures,
	objectAt,
	requireMarketplace,
	scheduleNotFound,
	textAt,
	transactionNotFound,
	type Json,
} from './walletRequests';

/** "The response includes nextPageToken when the number of results exceeds 100." */
const PAGE_SIZE = 100;

interface WalletCall {
	store: WalletStore;
	sellerId: string;
	now: number;
}

/** Every wallet call: the seller's wallet and a valid marketplace of this seller. */
function open(request: RouteRequest, context: RouteContext): WalletCall {
	const seller = sellerOf(request);
	requireMarketplace(request, seller.marketplaceIds);
	return { store: walletStore(context.state), sellerId: seller.sellerId, now: context.clock.nowMs() };
}

const listAccounts: RouteHandler = (request, context) => {
	const { store, sellerId } = open(request, context);
	return { status: 200, body: { accounts: store.walletOf(sellerId).accounts.map(formatWalletAccount) } };
};

const getAccount: RouteHandler = (request, context) => {
	const { store, sellerId } = open(request, context);
	return { status: 200, body: formatWalletAccount(accountOrThrow(store.walletOf(sellerId).accounts, request.pathParams.accountId)) };
};

const listAccountBalances: RouteHandler = (request, context) => {
	const { store, sellerId, now } = open(request, context);
	const account = accountOrThrow(store.walletOf(sellerId).accounts, request.pathParams.accountId);
	return { status: 200, body: { balances: formatBalances(account, store.balancesAt(sellerId, account.accountId, now), now) } };
};

const getTransferPreview: RouteHandler = (request, context) => {
	const { store, sellerId, now } = open(request, context);
	const query: Json = Object.fromEntries(request.query.entries());
	countryAt(query, 'sourceCountryCode', 'query');
	countryAt(query, 'destinationCountryCode', 'query');
	const source = textAt(query, 'sourceCurrencyCode', 'query') as string;
	const destination = textAt(query, 'destinationCurrencyCode', 'query') as string;
	const rawAmount = textAt(query, 'baseAmount', 'query') as string;
	for (const [name, code] of [['sourceCurrencyCode', source], ['destinationCurrencyCode', destination]] as const) {
		if (!isWalletCurrency(code)) throw invalid(`Invalid ${name}`);
	}
	const baseMinor = /^\d+(\.\d+)?$/.test(rawAmount) ? positiveMinorOf(Number(rawAmount), source) : undefined;
	if (baseMinor === undefined) throw invalid('Invalid baseAmount');
	if (!store.walletOf(sellerId).accounts.some((account) => account.currency === source)) throw accountNotFound(`${source} account`);
	const issued = store.issueQuote(sellerId, quoteTransfer(source, destination, baseMinor), now);
	return { status: 200, body: formatQuote(issued.quote, issued.fxRateId) };
};

const listAccountTransactions: RouteHandler = (request, context) => {
	const { store, sellerId, now } = open(request, context);
	const account = accountOrThrow(store.walletOf(sellerId).accounts, request.query.get('accountId'));
	const paging = startPaging(request, context, 'nextPageToken');
	const page = paging.page(store.transactionsOf(sellerId, account.accountId, paging.cursor.snapshotMs), PAGE_SIZE);
	const body: Json = { transactions: page.items.map((record) => formatWalletTransaction(record, account, now)) };
	if (page.nextToken) body.nextPageToken = page.nextToken;
	return { status: 200, body };
};

const getTransaction: RouteHandler = (request, context) => {
	const { store, sellerId, now } = open(request, context);
	const record = store.transaction(sellerId, request.pathParams.transactionId);
	if (!record || record.requestedAt > now) throw transactionNotFound(request.pathParams.transactionId);
	const account = accountOrThrow(store.walletOf(sellerId).accounts, record.accountId);
	return { status: 200, body: formatWalletTransaction(record, account, now) };
};

/** The rate a transaction honours: the previewed one it names (still valid, same figures) or today's. */
function quoteFor(store: WalletStore, sellerId: string, body: Json, source: string, destination: string, baseMinor: number, now: number): { quote: TransferQuote; fxRateId: string } {
	if (body.transferRateDetails === undefined || body.transferRateDetails === null) {
		return { quote: quoteTransfer(source, destination, baseMinor), fxRateId: `FX-SPOT-${now}` };
	}
	const details = objectAt(body.transferRateDetails, 'body.transferRateDetails');
	const fx = objectAt(details.fxRateDetails, 'body.transferRateDetails.fxRateDetails');
	const fxRateId = textAt(fx, 'fxRateId', 'body.transferRateDetails.fxRateDetails') as string;
	const issued = store.quote(fxRateId);
	if (!issued || issued.sellerId !== sellerId) throw invalid(`Invalid fxRateId ${fxRateId}`);
	if (now >= issued.expiresAt) throw invalid(`Expired fxRateId ${fxRateId}: request a new transfer preview`);
	const { quote } = issued;
	if (quote.sourceCurrency !== source || quote.destinationCurrency !== destination || quote.baseMinor !== baseMinor) {
		throw invalid('Invalid transferRateDetails: the preview was for another amount or currency');
	}
	return { quote, fxRateId };
}

const createTransaction: RouteHandler = (request, context) => {
	const { store, sellerId, now } = open(request, context);
	const unsigned = missingSignatures(request);
	if (unsigned) return unsigned;
	const body = objectAt(request.body, 'body');
	const account = accountOrThrow(store.walletOf(sellerId).accounts, textAt(body, 'sourceAccountId', 'body'), 'body.sourceAccountId');
	const amount = amountAt(body, 'sourceAmount', 'body');
	if (amount.currency !== account.currency) throw invalid(`Invalid body.sourceAmount.currencyCode: the source account holds ${account.currency}`);
	const { counterparty } = destinationOf(body, { payeeRequired: true });
	const destinationAccountId = textAt(body, 'destinationAccountId', 'body', { optional: true });
	dateTimeAt(body, 'requestTime', 'body');
	const reference = textAt(body, 'customerPaymentReference', 'body', { optional: true, max: 140 });
	const description = textAt(body, 'transactionDescription', 'body', { optional: true }) ?? '';
	const { quote, fxRateId } = quoteFor(store, sellerId, body, account.currency, counterparty.currency, amount.minor, now);
	if (store.balancesAt(sellerId, account.accountId, now).available < amount.minor) throw insufficientBalance();

	const transactionId = store.nextTransactionId(sellerId);
	const host = typeof request.headers.host === 'string' ? request.headers.host : '127.0.0.1';
	const record = newPendingTransaction({
		transactionId,
		accountId: account.accountId,
		type: 'DEBIT',
		requestedAt: now,
		requesterName: request.app.name,
		requesterSource: 'TPP',
		description,
		customerPaymentReference: reference,
		amountMinor: amount.minor,
		currency: amount.currency,
		counterparty: destinationAccountId ? { ...counterparty, accountId: destinationAccountId } : counterparty,
		quote,
		fxRateId,
		// opening it is the account holder's approval (the emulator's stand-in for Amazon's consent page)
		callBackUrl: `http://${host}/_emulator/wallet/transactions/${encodeURIComponent(transactionId)}/approve`,
	});
	store.addTransaction(sellerId, record);
	return { status: 200, body: { transaction: formatWalletTransaction(record, account, now), callBackURL: record.callBackUrl } };
};

const SCHEDULE_EXPRESSION_TYPES = ['RECURRING', 'ONE_TIME'] as const;
const FREQUENCIES = ['DAILY', 'WEEKLY', 'BIWEEKLY', 'MONTHLY'] as const;

function scheduleInformation(value: unknown, path: string): WalletScheduleRecord['information'] {
	const info = objectAt(value, path);
	const start = dateTimeAt(info, 'scheduleStartDate', path) as number;
	const end = dateTimeAt(info, 'scheduleEndDate', path, true);
	if (end !== undefined && end <= start) throw invalid(`Invalid ${path}.scheduleEndDate: it must be after scheduleStartDate`);
	const expression = objectAt(info.scheduleExpression, `${path}.scheduleExpression`);
	const type = enumAt(expression, 'scheduleExpressionType', `${path}.scheduleExpression`, SCHEDULE_EXPRESSION_TYPES) as string;
	const frequency = enumAt(expression, 'recurringFrequency', `${path}.scheduleExpression`, FREQUENCIES, type !== 'RECURRING');
	if (type === 'ONE_TIME' && frequency !== undefined) throw invalid(`Invalid ${path}.scheduleExpression.recurringFrequency: only for RECURRING`);
	const scheduleType = enumAt(info, 'scheduleType', path, ['TIME_BASED'] as const, true) ?? 'TIME_BASED';
	return {
		scheduleStartDate: info.scheduleStartDate as string,
		...(end !== undefined ? { scheduleEndDate: info.scheduleEndDate as string } : {}),
		scheduleExpression: { scheduleExpressionType: type, ...(frequency ? { recurringFrequency: frequency } : {}) },
		scheduleType,
	};
}

function paymentPreference(value: unknown, path: string, currency: string): WalletScheduleRecord['paymentPreference'] {
	const preference = objectAt(value, path);
	const type = enumAt(preference, 'paymentPreferencePaymentType', path, ['PERCENTAGE', 'AMOUNT'] as const) as string;
	const amount = preference.value;
	const valid =
		type === 'PERCENTAGE'
			? typeof amount === 'number' && amount > 0 && amount <= 100 && /^\d+(\.\d{1,2})?$/.test(String(amount))
			: positiveMinorOf(amount, currency) !== undefined;
	if (!valid) throw invalid(`Invalid ${path}.value`);
	return { paymentPreferencePaymentType: type, value: amount as number };
}

function liveSchedule(schedule: WalletScheduleRecord): boolean {
	return schedule.status === 'ENABLED' || schedule.status === 'DISABLED';
}

const createTransferSchedule: RouteHandler = (request, context) => {
	const { store, sellerId, now } = open(request, context);
	const unsigned = missingSignatures(request);
	if (unsigned) return unsigned;
	const body = objectAt(request.body, 'body');
	const wallet = store.walletOf(sellerId);
	const account = accountOrThrow(wallet.accounts, textAt(body, 'sourceAccountId', 'body'), 'body.sourceAccountId');
	const sourceCurrency = textAt(body, 'sourceCurrencyCode', 'body') as string;
	if (sourceCurrency !== account.currency) throw invalid(`Invalid body.sourceCurrencyCode: the source account holds ${account.currency}`);
	const destinationAccountId = textAt(body, 'destinationAccountId', 'body') as string;
	const { counterparty } = destinationOf(body, { payeeRequired: false });
	const transactionType = enumAt(body, 'transactionType', 'body', ['CREDIT', 'DEBIT'] as const) as 'CREDIT' | 'DEBIT';
	const information = scheduleInformation(body.transferScheduleInformation, 'body.transferScheduleInformation');
	const preference = paymentPreference(body.paymentPreference, 'body.paymentPreference', account.currency);
	const status = enumAt(body, 'transferScheduleStatus', 'body', ['ENABLED', 'DISABLED'] as const, true) ?? 'ENABLED';
	const existing = wallet.schedules.find(
		(schedule) => liveSchedule(schedule) && schedule.sourceAccountId === account.accountId && schedule.destinationAccountId === destinationAccountId,
	);
	if (existing) {
		throw new ApiError(409, 'Conflict', 'Transfer schedule already exists.', `Transfer schedule ${existing.transferScheduleId} already exists for this source and destination account`);
	}
	const schedule: WalletScheduleRecord = {
		transferScheduleId: store.nextScheduleId(),
		sourceAccountId: account.accountId,
		destinationAccountId,
		destination: counterparty,
		transactionType,
		status,
		information,
		paymentPreference: preference,
		failures: [],
		createdAt: now,
	};
	wallet.schedules.push(schedule);
	return { status: 200, body: formatSchedule(schedule, account) };
};

function scheduleOrThrow(store: WalletStore, sellerId: string, id: string | undefined): WalletScheduleRecord {
	const schedule = store.walletOf(sellerId).schedules.find((candidate) => candidate.transferScheduleId === id);
	if (!schedule) throw scheduleNotFound(id ?? '');
	return schedule;
}

const listTransferSchedules: RouteHandler = (request, context) => {
	const { store, sellerId } = open(request, context);
	const wallet = store.walletOf(sellerId);
	const account = accountOrThrow(wallet.accounts, request.query.get('accountId'));
	const paging = startPaging(request, context, 'nextPageToken');
	const schedules = wallet.schedules.filter((schedule) => schedule.sourceAccountId === account.accountId && schedule.createdAt <= paging.cursor.snapshotMs);
	const page = paging.page(schedules, PAGE_SIZE);
	const body: Json = { transferSchedules: page.items.map((schedule) => formatSchedule(schedule, account)) };
	if (page.nextToken) body.nextPageToken = page.nextToken;
	return { status: 200, body };
};

const getTransferSchedule: RouteHandler = (request, context) => {
	const { store, sellerId } = open(request, context);
	const schedule = scheduleOrThrow(store, sellerId, request.pathParams.transferScheduleId);
	return { status: 200, body: formatSchedule(schedule, store.account(sellerId, schedule.sourceAccountId)) };
};

const updateTransferSchedule: RouteHandler = (request, context) => {
	const { store, sellerId } = open(request, context);
	const unsigned = missingSignatures(request);
	if (unsigned) return unsigned;
	const body = objectAt(request.body, 'body');
	const schedule = scheduleOrThrow(store, sellerId, textAt(body, 'transferScheduleId', 'body'));
	if (!liveSchedule(schedule)) throw invalid(`Transfer schedule ${schedule.transferScheduleId} is ${schedule.status} and cannot be updated`);
	enumAt(body, 'transactionType', 'body', ['CREDIT', 'DEBIT'] as const);
	objectAt(body.transactionDestinationAccount, 'body.transactionDestinationAccount');
	const status = enumAt(body, 'transferScheduleStatus', 'body', ['ENABLED', 'DISABLED'] as const) as ScheduleStatus;
	const information = scheduleInformation(body.transferScheduleInformation, 'body.transferScheduleInformation');
	const account = store.account(sellerId, schedule.sourceAccountId);
	const preference = body.paymentPreference === undefined ? schedule.paymentPreference : paymentPreference(body.paymentPreference, 'body.paymentPreference', account?.currency ?? 'USD');
	schedule.status = status;
	schedule.information = information;
	schedule.paymentPreference = preference;
	return { status: 200, body: formatSchedule(schedule, account) };
};

const deleteScheduleTransaction: RouteHandler = (request, context) => {
	const { store, sellerId } = open(request, context);
	const schedule = scheduleOrThrow(store, sellerId, request.pathParams.transferScheduleId);
	if (schedule.status === 'DELETED') throw invalid(`Transfer schedule ${schedule.transferScheduleId} is already deleted`);
	schedule.status = 'DELETED';
	return {
		status: 200,
		body: { code: 'Successful', message: 'Deleted transfer schedule', details: `Deleted transfer schedule for ID ${schedule.transferScheduleId}` },
	};
};

export const sellerWalletRoutes: RouteTable = {
	listAccounts,
	'sellerWallet.getAccount': getAccount,
	listAccountBalances,
	getTransferPreview,
	listAccountTransactions,
	'sellerWallet.getTransaction': getTransaction,
	createTransaction,
	listTransferSchedules,
	getTransferSchedule,
	createTransferSchedule,
	updateTransferSchedule,
	deleteScheduleTransaction,
};
