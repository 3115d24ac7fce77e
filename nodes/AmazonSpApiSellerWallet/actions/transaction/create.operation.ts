import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { parseDateInput, toUtcIso } from '../../../sp-api/dates';
import { compareDecimals, parseDecimal } from '../../../sp-api/money';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { AccountNumberMask, destinationFields, readDestination, readPayee } from '../shared/bank';
import { callWallet } from '../shared/calls';
import { marketplaceField, optionsField, readMarketplace, readOptions, readText, walletAccountField } from '../shared/fields';
import { flattenTransaction } from '../shared/format';
import { moneyOf, readAmount, readCurrency, type CheckedAmount } from '../shared/money';
import { claimOncePerExecution, type OnceClaim } from '../../../sp-api/n8n/oncePerExecution';
import { signatureFields, readSignatures } from '../shared/signatures';
import { tr } from '../../../sp-api/i18n/translate';

const show = { resource: ['transaction'], operation: ['create'] };
const displayOptions = { show };

export const description: INodeProperties[] = [
	{
		displayName:
			'This moves real money. Amazon sends nothing until the Seller Wallet account holder approves the transfer on the approval link (approvalUrl) this node outputs.',
		name: 'moneyNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	marketplaceField(show),
	walletAccountField(show, {
		displayName: 'Source Account Name or ID',
		name: 'sourceAccountId',
		hint: 'The Seller Wallet account the money leaves',
	}),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1234.56',
		description: 'How much leaves the source account, in its currency (JPY without decimals)',
		displayOptions,
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'EUR',
		description: 'Currency of the source account (ISO 4217); Amazon refuses any other',
		displayOptions,
	},
	...destinationFields(show, { withPayee: true }),
	{
		displayName: 'Description',
		name: 'transactionDescription',
		type: 'string',
		default: '',
		placeholder: 'Invoice 2025-031',
		description: 'What the payment is for; shown on the transfer',
		displayOptions,
	},
	{
		displayName: 'Customer Payment Reference',
		name: 'customerPaymentReference',
		type: 'string',
		default: '',
		placeholder: 'DE123456789',
		description:
			'Your reference for this payment (for VAT payments: the VAT ID, which Amazon then requires). At most 140 characters, no other personal data. ACORN never sends the same reference twice in one run.',
		displayOptions,
	},
	{
		displayName: 'Rate From Transfer Preview',
		name: 'transferRateDetails',
		type: 'json',
		default: '',
		description:
			'Optional: the rate and fees of a preceding Transfer Preview → Get, to honour them. Map its "transferRateDetails" field here with an expression. It must be for the same amount and currencies.',
		displayOptions,
	},
	...signatureFields(show),
	optionsField(show, [
		{
			displayName: 'Allow Identical Transfers',
			name: 'allowIdenticalTransfers',
			type: 'boolean',
			default: false,
			description:
				'Whether two items may send the same amount to the same account with the same description in one run. Off, the second is refused as a likely duplicate.',
		},
		{
			displayName: 'Destination Account ID',
			name: 'destinationAccountId',
			type: 'string',
			default: '',
			description: "Amazon's ID of the receiving account, when it has one (Payment Method → Get Many)",
		},
		{
			displayName: 'Request Time',
			name: 'requestTime',
			type: 'dateTime',
			default: '',
			description: 'When the transfer was requested, if your signatures cover it. Empty means now.',
			hint: 'Empty: now',
		},
	]),
];

interface RateDetails {
	json: IDataObject;
}

/** The preview's rate object, as given (Amazon's object, or a Transfer Preview item holding it). */
function readRateDetails(value: unknown, amount: CheckedAmount, destinationCurrency: string): RateDetails | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parsed = typeof value === 'string' ? parseJson(value) : value;
	if (parsed === undefined) throw new InputError(tr`"Rate From Transfer Preview" is not JSON: map the transferRateDetails field of a Transfer Preview node.`);
	let details = parsed as IDataObject;
	if (details && typeof details === 'object' && details.transferRateDetails && typeof details.transferRateDetails === 'object') {
		details = details.transferRateDetails as IDataObject;
	}
	const base = moneyOf(details?.baseAmount);
	const transfer = moneyOf(details?.transferAmount);
	const fx = details?.fxRateDetails as IDataObject | undefined;
	if (!base || !transfer || !fx || typeof fx.fxRateId !== 'string' || !Array.isArray(details.fees)) {
		throw new InputError(tr`"Rate From Transfer Preview" lacks baseAmount, fxRateDetails, transferAmount or fees: map the transferRateDetails field of a Transfer Preview node.`);
	}
	if (base.currency !== amount.currency || compareDecimals(parseDecimal(base.amount), parseDecimal(amount.text)) !== 0) {
		throw new InputError(tr`The transfer preview was for ${base.amount} ${base.currency}, but this transfer is ${amount.text} ${amount.currency}: preview the same amount again.`);
	}
	if (transfer.currency !== destinationCurrency) {
		throw new InputError(tr`The transfer preview delivers ${transfer.currency}, but the receiving account holds ${destinationCurrency}.`);
	}
	return { json: details };
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

function fingerprint(...parts: string[]): string {
	return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const mask = new AccountNumberMask();
	const marketplace = readMarketplace(this, itemIndex, client);
	const options = readOptions(this, itemIndex);
	const sourceAccountId = readText(this, 'sourceAccountId', itemIndex, tr`Source Account`);
	const currency = readCurrency(this.getNodeParameter('currency', itemIndex, ''), 'Currency');
	const amount = readAmount(this.getNodeParameter('amount', itemIndex, ''), currency, 'Amount');
	const destination = readDestination(this, itemIndex, mask);
	const payee = destination.ownership === 'THIRD_PARTY' ? readPayee(this, itemIndex) : undefined;
	const description = readText(this, 'transactionDescription', itemIndex, 'Description', false);
	const reference = readText(this, 'customerPaymentReference', itemIndex, 'Customer Payment Reference', false);
	if (reference.length > 140) throw new InputError(tr`"Customer Payment Reference" has ${reference.length} characters; Amazon accepts at most 140.`);
	const rate = readRateDetails(this.getNodeParameter('transferRateDetails', itemIndex, ''), amount, String(destination.summary.currency));
	const signatures = readSignatures(this, itemIndex);
	const requestTime = parseDateInput(options.requestTime, 'Request Time', this.getTimezone()) ?? new Date();
	const destinationAccountId = String(options.destinationAccountId ?? '').trim();

	// Nothing invalid reaches Amazon, and nothing reaches it twice in one run.
	const claims: OnceClaim[] = [];
	if (reference) {
		claims.push({
			key: `transfer|${sourceAccountId}|reference|${reference}`,
			describe: (earlier) =>
				tr`Customer payment reference "${reference}" was already sent to Amazon by item ${earlier.item} of "${earlier.nodeName}" in this run. ACORN does not send the same reference twice in one run, so no second transfer was sent. If it really is a second payment, give it its own reference.`,
		});
	}
	if (options.allowIdenticalTransfers !== true) {
		claims.push({
			key: `transfer|identical|${fingerprint(sourceAccountId, amount.text, currency, destination.fullNumber, description)}`,
			describe: (earlier) =>
				tr`Item ${earlier.item} of "${earlier.nodeName}" already sent ${amount.text} ${currency} to the account ending ${destination.tail} with the same description in this run; this looks like a duplicate, so it was not sent. If both payments are meant, turn on "Allow Identical Transfers".`,
		});
	}
	await claimOncePerExecution(this, itemIndex, ...claims);

	const requestedAt = requestTime.toISOString();
	const body: IDataObject = {
		sourceAccountId,
		...(destinationAccountId ? { destinationAccountId } : {}),
		destinationTransactionInstrument: destination.instrument,
		...(description ? { transactionDescription: description } : {}),
		...(reference ? { customerPaymentReference: reference } : {}),
		...(payee ? { payeeContactInformation: payee } : {}),
		sourceAmount: { currencyCode: currency, currencyAmount: amount.value },
		...(rate ? { transferRateDetails: rate.json } : {}),
		requestTime: requestedAt,
	};
	const what = tr`the transfer of ${amount.text} ${currency} from Seller Wallet account ${sourceAccountId} to the account ending ${destination.tail}`;
	const response = await callWallet<{ transaction?: unknown; callBackURL?: string }>(
		client,
		'createTransaction',
		{ params: { marketplaceId: marketplace.id, ...signatures }, body },
		{
			what,
			check: tr`list the transactions of Seller Wallet account ${sourceAccountId} (this node: Transaction → Get Many) and look for a DEBIT of ${amount.text} ${currency} to the account ending ${destination.tail} requested at or after ${toUtcIso(requestTime)}${description ? tr` with the description "${description}"` : ''}${reference ? tr` (customer payment reference ${reference}, which Seller Central also shows)` : ''}. If it is there, do not send it again: approve or reject it in Seller Central. If it is still not there after a few minutes, run this item again.`,
			facts: {
				operation: 'createTransaction',
				sourceAccountId,
				amount: { amount: amount.text, currency },
				destinationAccountTail: destination.tail,
				...(description ? { description } : {}),
				...(reference ? { customerPaymentReference: reference } : {}),
				requestedAt: toUtcIso(requestTime),
				lookUpWith: 'Seller Wallet → Transaction → Get Many',
			},
			refusedNothingDone: tr`No money was moved.`,
		},
		mask,
	);
	const callBackURL = response.data.callBackURL;
	const transaction = flattenTransaction(response.data.transaction, marketplace.timeZone);
	if (callBackURL) {
		this.addExecutionHints({
			message: tr`Transfer ${String(transaction.transactionId ?? '')} of ${amount.text} ${currency} waits for approval: open approvalUrl in the output and approve it with the Seller Wallet account holder's login. Nothing moves until then.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	const item: IDataObject = {
		approvalUrl: callBackURL,
		nextStep: callBackURL
			? tr`Not sent yet. Open approvalUrl and approve this transfer as the Seller Wallet account holder; until then it waits as PENDING_USER_APPROVAL, and it expires if nobody approves it.`
			: tr`Amazon returned no approval link: check this transaction in Seller Central.`,
		...transaction,
		destination: { ...destination.summary, ...((transaction.destination as IDataObject | undefined) ?? {}) },
		...(reference ? { customerPaymentReference: reference } : {}),
		callBackURL,
	};
	return [withResponseMetadata(mask.deep(item), response.metadata, options.includeResponseMetadata === true)];
}
