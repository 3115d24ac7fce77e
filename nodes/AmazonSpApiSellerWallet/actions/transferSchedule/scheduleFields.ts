/** How a schedule repeats and how much it moves, as a person chooses it, and Amazon's shapes for it. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { parseDateInput, toUtcIso } from '../../../sp-api/dates';
import { formatDecimal } from '../../../sp-api/money';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { decimalOrUndefined, readAmount } from '../shared/money';
import { tr } from '../../../sp-api/i18n/translate';

export const REPEAT_OPTIONS = [
	{ name: 'Once', value: 'ONE_TIME' },
	{ name: 'Every Day', value: 'DAILY' },
	{ name: 'Every Week', value: 'WEEKLY' },
	{ name: 'Every Two Weeks', value: 'BIWEEKLY' },
	{ name: 'Every Month', value: 'MONTHLY' },
];

export const PREFERENCE_OPTIONS = [
	{ name: 'A Share of the Balance (%)', value: 'PERCENTAGE' },
	{ name: 'A Fixed Amount', value: 'AMOUNT' },
];

export const STATUS_OPTIONS = [
	{ name: 'Enabled', value: 'ENABLED' },
	{ name: 'Disabled (Paused)', value: 'DISABLED' },
];

export function paymentValueField(displayOptions: INodeProperties['displayOptions'], required: boolean): INodeProperties {
	return {
		displayName: 'Payment Value',
		name: 'paymentValue',
		type: 'string',
		required,
		default: '',
		placeholder: '25',
		description: 'The percentage of the balance (e.g. 25 for 25 %), or the fixed amount in the source currency',
		displayOptions,
	};
}

export function scheduleInformation(start: unknown, end: unknown, repeat: string, timeZone: string): IDataObject {
	const startDate = parseDateInput(start, 'Start Date', timeZone);
	if (!startDate) throw new InputError(tr`"Start Date" is empty: choose when the schedule starts.`);
	const endDate = parseDateInput(end, 'End Date', timeZone);
	if (endDate && endDate <= startDate) throw new InputError(tr`"End Date" must be after "Start Date".`);
	if (!REPEAT_OPTIONS.some((option) => option.value === repeat)) throw new InputError(tr`"Repeat" must be one of ${REPEAT_OPTIONS.map((o) => o.name).join(', ')}.`);
	return {
		scheduleStartDate: toUtcIso(startDate),
		...(endDate ? { scheduleEndDate: toUtcIso(endDate) } : {}),
		scheduleExpression: repeat === 'ONE_TIME' ? { scheduleExpressionType: 'ONE_TIME' } : { scheduleExpressionType: 'RECURRING', recurringFrequency: repeat },
		scheduleType: 'TIME_BASED',
	};
}

export function paymentPreference(type: string, value: unknown, currency: string | undefined): IDataObject {
	if (type === 'AMOUNT') {
		if (!currency) throw new InputError(tr`The currency of the schedule is unknown, so a fixed amount cannot be checked.`);
		return { paymentPreferencePaymentType: 'AMOUNT', value: readAmount(value, currency, 'Payment Value').value };
	}
	if (type !== 'PERCENTAGE') throw new InputError(tr`"Payment Type" must be a share of the balance or a fixed amount.`);
	const text = String(value ?? '').trim().replace(/%$/, '');
	const percent = decimalOrUndefined(text);
	if (!percent) throw new InputError(tr`"Payment Value" must be a percentage such as 25 or 12.5; "${text}" is not.`);
	const minimal = formatDecimal(percent);
	if (percent.units <= 0n || Number(minimal) > 100 || (minimal.split('.')[1]?.length ?? 0) > 2) {
		throw new InputError(tr`"Payment Value" must be a percentage above 0 and at most 100 with up to 2 decimals; "${text}" is not.`);
	}
	return { paymentPreferencePaymentType: 'PERCENTAGE', value: Number(minimal) };
}
