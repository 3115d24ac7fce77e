/**
 * The bank account and payment signatures the Seller Wallet tests send. The account number is a
 * real-format German IBAN (valid check digits); none of these may show up anywhere after they are typed.
 */
export const IBAN = 'DE79370400440532013471';
export const IBAN_SPACED = 'DE79 3704 0044 0532 0134 71';
export const SIGNATURES = { destAccountDigitalSignature: 'pisp-signature-dest-0001', amountDigitalSignature: 'pisp-signature-amount-0001' };

/** The destination fields of Transaction → Create and Transfer Schedule → Create for that account. */
export const DESTINATION = {
	destinationOwnership: 'SELF',
	destinationHolderName: 'Eichel & Söhne Handel Ltd.',
	destinationAccountNumber: IBAN_SPACED,
	destinationNumberFormat: 'IBAN',
	destinationCountry: 'DE',
	destinationCurrency: 'EUR',
	destinationBankName: 'Commerzbank',
	destinationBankCode: 'COBADEFFXXX',
	destinationBankCodeType: 'BIC',
};

/** A monthly schedule of 10 % of the balance from `sourceAccountId` to that account (Transfer Schedule → Create). */
export function scheduleParameters(sourceAccountId: string, destinationAccountId: string): Record<string, unknown> {
	return {
		resource: 'transferSchedule',
		operation: 'create',
		marketplaceId: 'DE',
		sourceAccountId,
		currency: 'EUR',
		destinationAccountId,
		...DESTINATION,
		startDate: '2030-01-01T00:00:00Z',
		repeat: 'MONTHLY',
		paymentType: 'PERCENTAGE',
		paymentValue: '10',
		...SIGNATURES,
	};
}
