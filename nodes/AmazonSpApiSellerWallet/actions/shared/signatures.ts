/**
 * The two signature headers Amazon requires on Seller Wallet writes. They come from the payment
 * service provider's (PISP's) certificate, over the destination account and over the amount; ACORN
 * passes them on unchanged and cannot make them itself.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { registerSecrets } from '../../../sp-api/redact';
import type { Show } from './fields';
import { tr, translateText } from '../../../sp-api/i18n/translate';

export function signatureFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Destination Account Signature',
			name: 'destAccountDigitalSignature',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"Digital signature over the destination account, made with your payment service provider's certificate (Amazon header destAccountDigitalSignature)",
			hint: 'A code that proves the receiving bank account was checked. Your payment service provider (the licensed company whose Amazon app makes transfers for you) signs the account’s details and gives you this code: ask them for it and paste it unchanged.',
			displayOptions: { show },
		},
		{
			displayName: 'Amount Signature',
			name: 'amountDigitalSignature',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: "Digital signature over the amount, made with your payment service provider's certificate (Amazon header amountDigitalSignature)",
			hint: 'A code that proves the amount was approved. Your payment service provider signs exactly this amount and currency and gives you the code: ask for a new one whenever the amount changes, and paste it unchanged.',
			displayOptions: { show },
		},
	];
}

export function readSignatures(context: IExecuteFunctions, itemIndex: number): { destAccountDigitalSignature: string; amountDigitalSignature: string } {
	const read = (name: string, label: string): string => {
		const value = String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
		if (!value) throw new InputError(tr`"${translateText(label)}" is empty: Amazon refuses Seller Wallet transfers and schedules without both signatures.`);
		// hidden wherever ACORN writes text (errors, logs), also when Amazon echoes a signature back
		registerSecrets(value);
		return value;
	};
	return {
		destAccountDigitalSignature: read('destAccountDigitalSignature', 'Destination Account Signature'),
		amountDigitalSignature: read('amountDigitalSignature', 'Amount Signature'),
	};
}
