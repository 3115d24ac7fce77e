import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { parseDateInput, toUtcIso } from '../../../sp-api/dates';
import { tr } from '../../../sp-api/i18n/translate';
import { addDecimals, compareDecimals, formatDecimal, multiplyDecimal, currencyDecimals, type Decimal } from '../../../sp-api/money';
import { optionsProperty } from '../../../sp-api/n8n/commonProperties';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { readCurrencyCode, readExactAmount } from '../shared/amounts';
import { readText } from '../shared/fields';
import { eachesOfLine, itemQuantity, linesSourceFields, productIds, readItemLines } from '../shared/lines';
import { submitOnce } from '../shared/writes';

const show = { resource: ['invoice'], operation: ['submit'] };
const displayOptions = { show };
const LINE_NAMES = { mode: 'linesFrom', fields: 'invoiceLines', json: 'invoiceLinesJson' };
const LINE_LABELS = { fields: 'Invoice Lines', json: 'Invoice Lines (JSON)' };

/** Amazon's tax types (vendorInvoices.json TaxDetails.taxType). */
const TAX_TYPES = ['CGST', 'SGST', 'CESS', 'UTGST', 'IGST', 'MwSt.', 'PST', 'TVA', 'VAT', 'GST', 'ST', 'Consumption', 'MutuallyDefined', 'DomesticVAT'];

export const description: INodeProperties[] = [
	{
		displayName:
			'This sends an invoice to Amazon. ACORN checks the amounts first (exactly, to the cent), sends it once and never repeats it by itself; Transaction Status → Get then tells whether Amazon accepted it.',
		name: 'writeNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	{ displayName: 'Invoice Number', name: 'invoiceNumber', type: 'string', required: true, default: '', placeholder: 'e.g. INV-2026-0042', description: 'Your unique invoice (or credit note) number', displayOptions },
	{
		displayName: 'Invoice Type',
		name: 'invoiceType',
		type: 'options',
		default: 'Invoice',
		options: [
			{ name: 'Invoice', value: 'Invoice' },
			{ name: 'Credit Note', value: 'CreditNote' },
		],
		displayOptions,
	},
	{ displayName: 'Invoice Date', name: 'invoiceDate', type: 'dateTime', default: '', description: 'Empty means now. It must be on or after the purchase order dates.', displayOptions },
	{ displayName: 'Remit-To Party ID', name: 'remitToPartyId', type: 'string', required: true, default: '', placeholder: 'e.g. ABCDE', description: 'Who receives the payment: usually your vendor code', displayOptions },
	{ displayName: 'Currency', name: 'currency', type: 'string', required: true, default: '', placeholder: 'USD', description: 'Currency of every amount of this invoice (ISO 4217)', displayOptions },
	{
		displayName: 'Invoice Total',
		name: 'invoiceTotal',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1234.50',
		description: 'The total with taxes, exact (a dot for decimals, no thousands separator). ACORN checks it against the lines and taxes.',
		displayOptions,
	},
	...linesSourceFields(show, LINE_NAMES, {
		...LINE_LABELS,
		jsonDescription:
			'A list with one entry per invoiced PO line: purchaseOrderNumber, asin or vendorSku, quantity, netCost (per each, exact text), and for cases unitOfMeasure "Cases" with unitSize. Example: [{"purchaseOrderNumber": "2JK3S9VB", "asin": "B07DFVDRAB", "quantity": 24, "netCost": "12.37"}]',
	}, [{ displayName: 'Net Cost per Each', name: 'netCost', type: 'string', default: '', placeholder: '12.37', description: 'The net cost on the purchase order, without tax, exact' }]),
	{
		displayName: 'Taxes',
		name: 'taxes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add tax',
		description: 'The tax amounts of the whole invoice, if any',
		displayOptions,
		options: [
			{
				name: 'tax',
				displayName: 'Tax',
				values: [
					{ displayName: 'Tax Type', name: 'taxType', type: 'options', default: 'VAT', options: TAX_TYPES.map((type) => ({ name: type, value: type })) },
					{ displayName: 'Tax Amount', name: 'amount', type: 'string', default: '', placeholder: '19.00' },
				],
			},
		],
	},
	optionsProperty(displayOptions, [
		{ displayName: 'Reference Number', name: 'referenceNumber', type: 'string', default: '', description: 'Another reference of yours, e.g. for tax purposes' },
		{
			displayName: 'Check Total Against Lines',
			name: 'checkTotal',
			type: 'boolean',
			default: true,
			description: 'Whether to refuse the invoice when quantity × net cost of the lines plus the taxes is not exactly the invoice total',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const invoiceNumber = readText(this, 'invoiceNumber', itemIndex, 'Invoice Number');
	const invoiceType = this.getNodeParameter('invoiceType', itemIndex, 'Invoice') as string;
	const remitTo = readText(this, 'remitToPartyId', itemIndex, 'Remit-To Party ID');
	const currency = readCurrencyCode(this.getNodeParameter('currency', itemIndex, ''), 'Currency');
	const total = readExactAmount(this.getNodeParameter('invoiceTotal', itemIndex, ''), currency, 'Invoice Total');
	const invoiceDate = parseDateInput(this.getNodeParameter('invoiceDate', itemIndex, ''), 'Invoice Date', this.getTimezone()) ?? new Date(client.nowMs());
	const options = this.getNodeParameter('options', itemIndex, {}) as { referenceNumber?: string; checkTotal?: boolean; includeResponseMetadata?: boolean };
	const lines = readItemLines(this, itemIndex, LINE_NAMES, LINE_LABELS).map((line) => ({ line, netCost: readExactAmount(line.raw.netCost, currency, tr`Net Cost per Each (${line.label})`) }));
	const rawTaxes = (this.getNodeParameter('taxes', itemIndex, {}) as { tax?: IDataObject[] }).tax ?? [];
	const taxes = rawTaxes.map((tax, index) => ({ taxType: String(tax.taxType || 'VAT'), amount: readExactAmount(tax.amount, currency, tr`Tax Amount (tax ${index + 1})`, { allowZero: true }) }));

	// quantity (in eaches) × net cost per each, plus the taxes, must be the total to the cent
	const lineValues: Decimal[] = lines.map(({ line, netCost }) => multiplyDecimal(netCost.decimal, eachesOfLine(line)));
	const sum = addDecimals(...lineValues, ...taxes.map((tax) => tax.amount.decimal));
	const sumText = formatDecimal(sum, currencyDecimals(currency));
	if (options.checkTotal !== false && compareDecimals(sum, total.decimal) !== 0) {
		throw new InputError(
			tr`"Invoice Total" is ${total.text} ${currency}, but the lines (quantity × net cost) and taxes add up to ${sumText} ${currency}. Correct the total or the lines; nothing was sent. (Turn off "Check Total Against Lines" only if Amazon expects a different total, e.g. with charges.)`,
		);
	}
	const reference = String(options.referenceNumber ?? '').trim();
	const invoice: IDataObject = {
		invoiceType,
		id: invoiceNumber,
		...(reference ? { referenceNumber: reference } : {}),
		date: toUtcIso(invoiceDate),
		remitToParty: { partyId: remitTo },
		invoiceTotal: { currencyCode: currency, amount: total.text },
		...(taxes.length ? { taxDetails: taxes.map((tax) => ({ taxType: tax.taxType, taxAmount: { currencyCode: currency, amount: tax.amount.text } })) } : {}),
		items: lines.map(({ line, netCost }, index) => ({
			itemSequenceNumber: index + 1,
			...productIds(line),
			invoicedQuantity: itemQuantity(line),
			netCost: { currencyCode: currency, amount: netCost.text },
			purchaseOrderNumber: line.purchaseOrderNumber,
		})),
	};
	const purchaseOrders = [...new Set(lines.map(({ line }) => line.purchaseOrderNumber))];
	return [
		await submitOnce(this, itemIndex, client, {
			key: 'submitInvoices',
			body: { invoices: [invoice] },
			onceKey: `vendor|invoice|${invoiceNumber}`,
			duplicate: (earlier) => tr`Item ${earlier.item} of "${earlier.nodeName}" already sent invoice ${invoiceNumber} in this run, so it was not sent again. Every invoice needs its own number.`,
			includeResponseMetadata: options.includeResponseMetadata === true,
			description: {
				what: tr`invoice ${invoiceNumber} over ${total.text} ${currency}`,
				check: tr`look it up: a transaction ID from an earlier answer can be looked up with Transaction Status → Get, and Vendor Central (Payments → Invoices) lists the invoices Amazon has. Send it again only if it is not there; Amazon refuses the same invoice number twice.`,
				facts: {
					operation: 'submitInvoices',
					invoiceNumber,
					invoiceType,
					invoiceTotal: { amount: total.text, currency },
					purchaseOrderNumbers: purchaseOrders,
					lookUpWith: 'Transaction Status → Get; Vendor Central → Payments → Invoices',
				},
			},
		}),
	];
}
