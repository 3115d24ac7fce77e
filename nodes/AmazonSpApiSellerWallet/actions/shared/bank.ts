/**
 * The destination bank account of a transfer or schedule, as a person fills it in, checked before any
 * call: holder, number (IBAN check digits), country, currency, bank code. The full account number goes
 * to Amazon only (which encrypts it); everything ACORN shows afterwards has its last three characters
 * only, as Amazon itself does.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import type { Show } from './fields';
import { readCurrency } from './money';
import { tr, translateText } from '../../../sp-api/i18n/translate';

export type Ownership = 'SELF' | 'THIRD_PARTY';

export function destinationFields(show: Show, options: { withPayee: boolean }): INodeProperties[] {
	const shown = { show };
	const fields: INodeProperties[] = [
		{
			displayName: 'Whose Bank Account',
			name: 'destinationOwnership',
			type: 'options',
			options: [
				{ name: 'My Own Bank Account', value: 'SELF', description: 'An account of this seller business' },
				{ name: "Someone Else's Account", value: 'THIRD_PARTY', description: 'A supplier, a service provider or a tax office' },
			],
			default: 'SELF',
			displayOptions: shown,
		},
		{
			displayName: 'Account Holder Name',
			name: 'destinationHolderName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'Shenzhen Acorn Manufacturing Co., Ltd.',
			description: 'Name on the receiving bank account (at most 50 characters)',
			displayOptions: shown,
		},
		{
			displayName: 'Bank Account Number',
			name: 'destinationAccountNumber',
			type: 'string',
			// masked in the editor; ACORN's errors carry the node without it (n8n logs a failing node's parameters)
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'GB29 NWBK 6016 1331 9268 19',
			description:
				'IBAN or local account number of the receiving account. It is sent to Amazon only; ACORN shows nothing but its last 3 characters afterwards.',
			displayOptions: shown,
		},
		{
			displayName: 'Account Number Format',
			name: 'destinationNumberFormat',
			type: 'options',
			options: [
				{ name: 'IBAN', value: 'IBAN', description: 'International number, e.g. DE89 3704 0044 0532 0130 00' },
				{ name: 'Local Account Number (BBAN)', value: 'BBAN', description: 'The number as the bank writes it at home' },
			],
			default: 'IBAN',
			displayOptions: shown,
		},
		{
			displayName: 'Bank Country Code',
			name: 'destinationCountry',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'CN',
			description: 'Two-letter country code of the receiving bank (ISO 3166), e.g. CN, DE, GB, US',
			displayOptions: shown,
		},
		{
			displayName: 'Bank Account Currency',
			name: 'destinationCurrency',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'CNY',
			description: 'Currency the receiving account holds (ISO 4217). When it differs from the source, Amazon converts.',
			displayOptions: shown,
		},
		{
			displayName: 'Bank Name',
			name: 'destinationBankName',
			type: 'string',
			default: '',
			placeholder: 'Bank of China',
			displayOptions: shown,
		},
		{
			displayName: 'Bank Code',
			name: 'destinationBankCode',
			type: 'string',
			default: '',
			placeholder: 'BKCHCNBJ',
			description: 'SWIFT/BIC, or the routing/sort code the bank uses at home',
			displayOptions: shown,
		},
		{
			displayName: 'Bank Code Type',
			name: 'destinationBankCodeType',
			type: 'options',
			options: [
				{ name: 'SWIFT / BIC', value: 'BIC' },
				{ name: 'Routing or Sort Code', value: 'BASIC' },
			],
			default: 'BIC',
			displayOptions: shown,
		},
	];
	if (!options.withPayee) return fields;
	const payeeShow = { show: { ...show, destinationOwnership: ['THIRD_PARTY'] } };
	const text = (displayName: string, name: string, required: boolean, placeholder = ''): INodeProperties => ({
		displayName,
		name,
		type: 'string',
		required,
		default: '',
		placeholder,
		displayOptions: payeeShow,
	});
	return [
		...fields,
		{
			displayName: 'Amazon checks who receives money from someone else\'s account: fill in the payee\'s contact details.',
			name: 'payeeNotice',
			type: 'notice',
			default: '',
			displayOptions: payeeShow,
		},
		{
			displayName: 'Payee Type',
			name: 'payeeEntityType',
			type: 'options',
			options: [
				{ name: 'Business', value: 'BUSINESS' },
				{ name: 'Individual', value: 'INDIVIDUAL' },
				{ name: 'Tax Authority', value: 'TAX_AUTHORITY' },
			],
			default: 'BUSINESS',
			displayOptions: payeeShow,
		},
		text('Payee First Name', 'payeeFirstName', true, 'Wei'),
		text('Payee Middle Name', 'payeeMiddleName', false),
		text('Payee Last Name', 'payeeLastName', true, 'Li'),
		text('Payee Address Line 1', 'payeeAddressLine1', true, '1 Keyuan Road'),
		text('Payee Address Line 2', 'payeeAddressLine2', false),
		text('Payee City', 'payeeCity', true, 'Shenzhen'),
		text('Payee State or Region', 'payeeState', true, 'Guangdong'),
		text('Payee Postal Code', 'payeePostalCode', true, '518057'),
		text('Payee Country Code', 'payeeCountryCode', true, 'CN'),
		{ ...text('Payee Email', 'payeeEmail', true, 'name@email.com'), placeholder: 'name@email.com' },
		text('Payee Phone', 'payeePhone', true, '+86 755 0000 0000'),
	];
}

const regionNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : undefined;

/** An ISO 3166 alpha-2 code in use ("EU" too, which Amazon's own examples use for euro accounts). */
export function isCountryCode(code: string): boolean {
	if (!/^[A-Z]{2}$/.test(code)) return false;
	if (!regionNames) return true;
	const name = regionNames.of(code);
	return name !== undefined && name !== code && name !== 'Unknown Region';
}

export function readCountry(value: unknown, label: string): string {
	const typed = String(value ?? '').trim().toUpperCase();
	// ISO 3166 says GB; Amazon's marketplaces (and many people) say UK
	const code = typed === 'UK' ? 'GB' : typed;
	if (!isCountryCode(code)) throw new InputError(tr`"${translateText(label)}" must be a two-letter country code such as CN, DE, GB or US; "${code}" is not one.`);
	return code;
}

/** IBAN structure and its ISO 7064 mod-97 check digits, which catch almost every typo. */
export function isValidIban(iban: string): boolean {
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
	const rearranged = iban.slice(4) + iban.slice(0, 4);
	let remainder = 0;
	for (const char of rearranged) {
		const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
		for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
	}
	return remainder === 1;
}

export function tailOf(accountNumber: string): string {
	return accountNumber.replace(/[^A-Za-z0-9]/g, '').slice(-3);
}

/**
 * Replaces full account numbers (as typed and as sent) by their masked form, `****` and the last three
 * characters, wherever they appear in what the node outputs or throws. (They are not registered as core
 * secrets on purpose: that would turn them into "[redacted]" before the node could show the tail.)
 */
export class AccountNumberMask {
	private readonly forms = new Map<string, string>();

	add(...numbers: string[]): this {
		for (const number of numbers) {
			const compact = number.replace(/\s+/g, '');
			if (compact.length < 4) continue;
			const masked = `****${tailOf(compact)}`;
			for (const form of new Set([number.trim(), compact, compact.toUpperCase(), compact.toLowerCase()])) this.forms.set(form, masked);
		}
		return this;
	}

	text(value: string): string {
		let out = value;
		for (const [form, masked] of [...this.forms].sort(([a], [b]) => b.length - a.length)) out = out.split(form).join(masked);
		return out;
	}

	deep<T>(value: T): T {
		if (typeof value === 'string') return this.text(value) as T;
		if (Array.isArray(value)) return value.map((entry) => this.deep(entry)) as T;
		if (value && typeof value === 'object' && !(value instanceof Date)) {
			return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, entry]) => [key, this.deep(entry)])) as T;
		}
		return value;
	}
}

export interface Destination {
	/** `destinationTransactionInstrument` as Amazon expects it. */
	instrument: IDataObject;
	ownership: Ownership;
	/** What a person may see afterwards. */
	summary: IDataObject;
	tail: string;
	/** Only for masking: never put this in an item, error or log. */
	fullNumber: string;
}

export function readDestination(context: IExecuteFunctions, itemIndex: number, mask: AccountNumberMask): Destination {
	const get = (name: string, fallback: unknown = ''): unknown => context.getNodeParameter(name, itemIndex, fallback);
	const typed = String(get('destinationAccountNumber') ?? '').trim();
	mask.add(typed);
	const ownership = (get('destinationOwnership', 'SELF') as Ownership) === 'THIRD_PARTY' ? 'THIRD_PARTY' : 'SELF';
	const holderName = String(get('destinationHolderName') ?? '').trim();
	if (!holderName) throw new InputError(tr`"Account Holder Name" is empty: give the name on the receiving bank account.`);
	if (holderName.length > 50) throw new InputError(tr`"Account Holder Name" has ${holderName.length} characters; Amazon accepts at most 50.`);
	const format = get('destinationNumberFormat', 'IBAN') === 'BBAN' ? 'BBAN' : 'IBAN';
	const country = readCountry(get('destinationCountry'), 'Bank Country Code');
	const currency = readCurrency(get('destinationCurrency'), 'Bank Account Currency');
	if (!typed) throw new InputError(tr`"Bank Account Number" is empty: give the IBAN or account number of the receiving account.`);
	const number = format === 'IBAN' ? typed.replace(/[\s-]+/g, '').toUpperCase() : typed.replace(/\s+/g, '');
	const tail = tailOf(number);
	const masked = `****${tail}`;
	if (format === 'IBAN') {
		if (!isValidIban(number)) {
			throw new InputError(tr`The IBAN ending ${tail} is not valid (wrong length or check digits): check "Bank Account Number", or choose "Local Account Number (BBAN)" if it is not an IBAN.`);
		}
		if (country !== 'EU' && number.slice(0, 2) !== country) {
			throw new InputError(tr`The IBAN ${masked} belongs to country ${number.slice(0, 2)}, but "Bank Country Code" is ${country}.`);
		}
	} else if (!/^[A-Za-z0-9-]{4,34}$/.test(number)) {
		throw new InputError(tr`The account number ${masked} may only contain letters, digits and hyphens (4 to 34 characters).`);
	}
	const bankName = String(get('destinationBankName') ?? '').trim();
	const bankCode = String(get('destinationBankCode') ?? '').trim().toUpperCase();
	const bankCodeType = get('destinationBankCodeType', 'BIC') === 'BASIC' ? 'BASIC' : 'BIC';
	if (bankCode && bankCodeType === 'BIC' && !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bankCode)) {
		throw new InputError(tr`"Bank Code" ${bankCode} is not a SWIFT/BIC code (8 or 11 letters and digits, e.g. BKCHCNBJ); choose "Routing or Sort Code" if it is a local code.`);
	}
	const bankAccount: IDataObject = {
		bankAccountNumberFormat: format,
		...(bankName ? { bankName } : {}),
		bankAccountOwnershipType: ownership,
		...(bankCode ? { routingNumber: bankCode, bankNumberFormat: bankCodeType } : {}),
		accountCountryCode: country,
		accountCurrency: currency,
		bankAccountNumberTail: tail,
	};
	return {
		instrument: { bankAccount, bankAccountNumber: number, accountHolderName: holderName },
		ownership,
		tail,
		fullNumber: number,
		summary: {
			accountHolderName: holderName,
			...(bankName ? { bankName } : {}),
			bankAccountNumberTail: tail,
			bankAccountNumberFormat: format,
			bankCountryCode: country,
			currency,
			ownership,
		},
	};
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `payeeContactInformation`: Amazon requires it when the money goes to someone else. */
export function readPayee(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const value = (name: string): string => String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	const required: Array<[string, string, string]> = [
		['payeeFirstName', 'payeeFirstName', 'Payee First Name'],
		['payeeLastName', 'payeeLastName', 'Payee Last Name'],
		['addressLine1', 'payeeAddressLine1', 'Payee Address Line 1'],
		['city', 'payeeCity', 'Payee City'],
		['state', 'payeeState', 'Payee State or Region'],
		['postalCode', 'payeePostalCode', 'Payee Postal Code'],
		['emailAddress', 'payeeEmail', 'Payee Email'],
		['phoneNumber', 'payeePhone', 'Payee Phone'],
	];
	const payee: IDataObject = { payeeEntityType: value('payeeEntityType') || 'BUSINESS' };
	for (const [field, parameter, label] of required) {
		const text = value(parameter);
		if (!text) throw new InputError(tr`"${translateText(label)}" is empty: Amazon needs it to pay someone else's account.`);
		payee[field] = text;
	}
	for (const [field, label] of [['payeeFirstName', 'Payee First Name'], ['payeeLastName', 'Payee Last Name']] as const) {
		if (String(payee[field]).length > 50) throw new InputError(tr`"${translateText(label)}" has more than 50 characters; Amazon accepts at most 50.`);
	}
	if (!['INDIVIDUAL', 'BUSINESS', 'TAX_AUTHORITY'].includes(String(payee.payeeEntityType))) {
		throw new InputError(tr`"Payee Type" must be Business, Individual or Tax Authority, not "${String(payee.payeeEntityType)}".`);
	}
	if (!EMAIL.test(String(payee.emailAddress))) throw new InputError(tr`"Payee Email" ${String(payee.emailAddress)} is not an email address.`);
	if (!/^\+?[\d\s()-]{5,20}$/.test(String(payee.phoneNumber))) throw new InputError(tr`"Payee Phone" may contain only digits, spaces, +, - and brackets.`);
	payee.countryCode = readCountry(value('payeeCountryCode'), 'Payee Country Code');
	const middle = value('payeeMiddleName');
	if (middle) payee.payeeMiddleName = middle;
	const line2 = value('payeeAddressLine2');
	if (line2) payee.addressLine2 = line2;
	return payee;
}
