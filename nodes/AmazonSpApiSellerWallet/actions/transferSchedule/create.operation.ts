import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { toUtcIso } from '../../../sp-api/dates';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { AccountNumberMask, destinationFields, readDestination } from '../shared/bank';
import { callWallet } from '../shared/calls';
import { marketplaceField, optionsField, readMarketplace, readOptions, readText, walletAccountField } from '../shared/fields';
import { flattenSchedule } from '../shared/format';
import { readCurrency } from '../shared/money';
import { claimOncePerExecution } from '../../../sp-api/n8n/oncePerExecution';
import { readSignatures, signatureFields } from '../shared/signatures';
import { paymentPreference, paymentValueField, PREFERENCE_OPTIONS, REPEAT_OPTIONS, scheduleInformation, STATUS_OPTIONS } from './scheduleFields';
import { tr } from '../../../sp-api/i18n/translate';

const show = { resource: ['transferSchedule'], operation: ['create'] };
const displayOptions = { show };

export const description: INodeProperties[] = [
	{
		displayName: 'A schedule moves real money on its own, again and again, until it ends or is disabled.',
		name: 'scheduleNotice',
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
		displayName: 'Source Currency',
		name: 'currency',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'EUR',
		description: 'Currency of the source account (ISO 4217)',
		displayOptions,
	},
	{
		displayName: 'Destination Account ID',
		name: 'destinationAccountId',
		type: 'string',
		required: true,
		default: '',
		description: "Amazon's ID of the receiving account (Payment Method → Get Many lists them)",
		displayOptions,
	},
	...destinationFields(show, { withPayee: false }),
	{
		displayName: 'Direction',
		name: 'transactionType',
		type: 'options',
		options: [
			{ name: 'Money Out of the Wallet (Debit)', value: 'DEBIT' },
			{ name: 'Money Into the Wallet (Credit)', value: 'CREDIT' },
		],
		default: 'DEBIT',
		displayOptions,
	},
	{ displayName: 'Start Date', name: 'startDate', type: 'dateTime', required: true, default: '', displayOptions },
	{ displayName: 'End Date', name: 'endDate', type: 'dateTime', default: '', description: 'Empty: no end', hint: 'Empty: no end', displayOptions },
	{ displayName: 'Repeat', name: 'repeat', type: 'options', options: REPEAT_OPTIONS, default: 'MONTHLY', displayOptions },
	{ displayName: 'Payment Type', name: 'paymentType', type: 'options', options: PREFERENCE_OPTIONS, default: 'PERCENTAGE', displayOptions },
	paymentValueField(displayOptions, true),
	...signatureFields(show),
	optionsField(show, [
		{ displayName: 'Status', name: 'status', type: 'options', options: STATUS_OPTIONS, default: 'ENABLED', description: 'Whether the schedule starts enabled or paused' },
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const mask = new AccountNumberMask();
	const marketplace = readMarketplace(this, itemIndex, client);
	const options = readOptions(this, itemIndex);
	const sourceAccountId = readText(this, 'sourceAccountId', itemIndex, tr`Source Account`);
	const currency = readCurrency(this.getNodeParameter('currency', itemIndex, ''), 'Source Currency');
	const destinationAccountId = readText(this, 'destinationAccountId', itemIndex, 'Destination Account ID');
	const destination = readDestination(this, itemIndex, mask);
	const transactionType = this.getNodeParameter('transactionType', itemIndex, 'DEBIT') === 'CREDIT' ? 'CREDIT' : 'DEBIT';
	const information = scheduleInformation(
		this.getNodeParameter('startDate', itemIndex, ''),
		this.getNodeParameter('endDate', itemIndex, ''),
		String(this.getNodeParameter('repeat', itemIndex, 'MONTHLY')),
		this.getTimezone(),
	);
	const preference = paymentPreference(String(this.getNodeParameter('paymentType', itemIndex, 'PERCENTAGE')), this.getNodeParameter('paymentValue', itemIndex, ''), currency);
	const status = options.status === 'DISABLED' ? 'DISABLED' : 'ENABLED';
	if (options.status !== undefined && options.status !== 'DISABLED' && options.status !== 'ENABLED') throw new InputError(tr`"Status" must be Enabled or Disabled.`);
	const signatures = readSignatures(this, itemIndex);

	await claimOncePerExecution(this, itemIndex, {
		key: `schedule|${sourceAccountId}|${destinationAccountId}`,
		describe: (earlier) =>
			tr`Item ${earlier.item} of "${earlier.nodeName}" already sent a schedule from account ${sourceAccountId} to ${destinationAccountId} in this run; Amazon allows one, so this one was not sent.`,
	});
	const body: IDataObject = {
		sourceAccountId,
		sourceCurrencyCode: currency,
		destinationAccountId,
		destinationTransactionInstrument: destination.instrument,
		transactionType,
		transferScheduleInformation: information,
		paymentPreference: preference,
		transferScheduleStatus: status,
	};
	const startedAt = new Date();
	const response = await callWallet(
		client,
		'createTransferSchedule',
		{ params: { marketplaceId: marketplace.id, ...signatures }, body },
		{
			what: tr`the new transfer schedule from Seller Wallet account ${sourceAccountId} to ${destinationAccountId} (account ending ${destination.tail})`,
			check: tr`list the transfer schedules of account ${sourceAccountId} (this node: Transfer Schedule → Get Many) and look for one to ${destinationAccountId}. If it is there, do not create it again (Amazon would answer that it already exists); change it with Update instead.`,
			facts: {
				operation: 'createTransferSchedule',
				sourceAccountId,
				destinationAccountId,
				destinationAccountTail: destination.tail,
				requestedAt: toUtcIso(startedAt),
				lookUpWith: 'Seller Wallet → Transfer Schedule → Get Many',
			},
			refusedNothingDone: tr`No schedule was created.`,
		},
		mask,
	);
	return [withResponseMetadata(mask.deep(flattenSchedule(response.data)), response.metadata, options.includeResponseMetadata === true)];
}
