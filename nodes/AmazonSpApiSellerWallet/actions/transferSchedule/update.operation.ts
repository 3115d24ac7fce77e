import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { callWallet } from '../shared/calls';
import { marketplaceField, optionsField, readMarketplace, readOptions, readText } from '../shared/fields';
import { flattenSchedule } from '../shared/format';
import { readSignatures, signatureFields } from '../shared/signatures';
import { scheduleIdField } from './get.operation';
import { paymentPreference, PREFERENCE_OPTIONS, REPEAT_OPTIONS, scheduleInformation, STATUS_OPTIONS } from './scheduleFields';
import { tr } from '../../../sp-api/i18n/translate';

const show = { resource: ['transferSchedule'], operation: ['update'] };
const displayOptions = { show };

export const description: INodeProperties[] = [
	marketplaceField(show),
	scheduleIdField('update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field to change',
		default: {},
		description: 'Only what you add here changes; the rest of the schedule stays as it is',
		displayOptions,
		options: [
			{ displayName: 'End Date', name: 'endDate', type: 'dateTime', default: '' },
			{ displayName: 'Payment Type', name: 'paymentType', type: 'options', options: PREFERENCE_OPTIONS, default: 'PERCENTAGE' },
			{
				displayName: 'Payment Value',
				name: 'paymentValue',
				type: 'string',
				default: '',
				description: 'The percentage of the balance, or the fixed amount in the source currency',
			},
			{ displayName: 'Repeat', name: 'repeat', type: 'options', options: REPEAT_OPTIONS, default: 'MONTHLY' },
			{ displayName: 'Start Date', name: 'startDate', type: 'dateTime', default: '' },
			{ displayName: 'Status', name: 'status', type: 'options', options: STATUS_OPTIONS, default: 'DISABLED' },
		],
	},
	...signatureFields(show),
	optionsField(show),
];

interface UpdateFields {
	status?: string;
	startDate?: string;
	endDate?: string;
	repeat?: string;
	paymentType?: string;
	paymentValue?: string;
}

type Json = Record<string, unknown>;

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const marketplace = readMarketplace(this, itemIndex, client);
	const transferScheduleId = readText(this, 'transferScheduleId', itemIndex, 'Transfer Schedule ID');
	const changes = this.getNodeParameter('updateFields', itemIndex, {}) as UpdateFields;
	const options = readOptions(this, itemIndex);
	if (Object.keys(changes).length === 0) throw new InputError(tr`Add at least one field to change under "Update Fields".`);
	if (changes.status !== undefined && changes.status !== 'ENABLED' && changes.status !== 'DISABLED') throw new InputError(tr`"Status" must be Enabled or Disabled.`);
	if ((changes.paymentType === undefined) !== (changes.paymentValue === undefined)) {
		throw new InputError(tr`Change "Payment Type" and "Payment Value" together.`);
	}
	const signatures = readSignatures(this, itemIndex);

	// Amazon replaces the whole schedule: start from what it holds now (a read, safe to repeat).
	const current = (await callWallet<Json>(client, 'getTransferSchedule', { params: { transferScheduleId, marketplaceId: marketplace.id } })).data;
	const info = (current.transferScheduleInformation ?? {}) as Json;
	const expression = (info.scheduleExpression ?? {}) as Json;
	const currentRepeat = expression.scheduleExpressionType === 'ONE_TIME' ? 'ONE_TIME' : String(expression.recurringFrequency ?? 'MONTHLY');
	const information =
		changes.startDate !== undefined || changes.endDate !== undefined || changes.repeat !== undefined
			? scheduleInformation(changes.startDate ?? info.scheduleStartDate, changes.endDate ?? info.scheduleEndDate, changes.repeat ?? currentRepeat, this.getTimezone())
			: info;
	const source = (current.transactionSourceAccount ?? {}) as Json;
	const preference =
		changes.paymentType !== undefined
			? paymentPreference(changes.paymentType, changes.paymentValue, typeof source.bankAccountCurrency === 'string' ? source.bankAccountCurrency : undefined)
			: current.paymentPreference;
	const body: IDataObject = {
		...(current as IDataObject),
		transferScheduleId,
		transferScheduleStatus: changes.status ?? (current.transferScheduleStatus as string | undefined),
		transferScheduleInformation: information as IDataObject,
		paymentPreference: preference as IDataObject,
		transferScheduleFailures: (current.transferScheduleFailures as IDataObject[] | undefined) ?? [],
	};
	const response = await callWallet(
		client,
		'updateTransferSchedule',
		{ params: { marketplaceId: marketplace.id, ...signatures }, body },
		{
			what: tr`the change of transfer schedule ${transferScheduleId}`,
			check: tr`get transfer schedule ${transferScheduleId} (this node: Transfer Schedule → Get) and see whether it already shows the new settings. Only if it does not, run this item again.`,
			facts: { operation: 'updateTransferSchedule', transferScheduleId, changes: changes as IDataObject, lookUpWith: 'Seller Wallet → Transfer Schedule → Get' },
			refusedNothingDone: tr`The schedule was not changed.`,
		},
	);
	return [withResponseMetadata(flattenSchedule(response.data), response.metadata, options.includeResponseMetadata === true)];
}
