import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { spApiNodeMethods } from '../sp-api/n8n/nodeMethods';
import * as account from './actions/account';
import * as paymentMethod from './actions/paymentMethod';
import * as payout from './actions/payout';
import { router } from './actions/router';
import * as transaction from './actions/transaction';
import * as transferPreview from './actions/transferPreview';
import * as transferSchedule from './actions/transferSchedule';
import { getWalletAccounts } from './methods/loadOptions';
import { editorDescription } from '../sp-api/n8n/editorDescription';
import codex from './AmazonSpApiSellerWallet.node.json';

export class AmazonSpApiSellerWallet implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon SP-API Seller Wallet',
		name: 'amazonSpApiSellerWallet',
		icon: { light: 'file:../icons/acorn.svg', dark: 'file:../icons/acorn.dark.svg' },
		group: ['transform'],
		version: 1,
		// Shown in words ("Get refunds") instead of this raw value by editorDescription (n8n/subtitle.ts).
		subtitle: '={{$parameter["operation"]}}',
		description: 'Seller Wallet balances, transfers and schedules, and Amazon payouts (Selling Partner API)',
		defaults: { name: 'Amazon Seller Wallet' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Literals, not SP_API_CREDENTIAL/SP_API_CREDENTIAL_TEST: n8n's linter reads them from the source.
		credentials: [{ name: 'amazonSpApi', required: true, testedBy: 'amazonSpApiConnectionTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account', description: 'Seller Wallet accounts and their balances' },
					{ name: 'Payment Method', value: 'paymentMethod', description: 'Deposit accounts, cards and Seller Wallet accounts' },
					{ name: 'Payout', value: 'payout', description: 'Money Amazon pays out to the deposit account' },
					{ name: 'Transaction', value: 'transaction', description: 'Transfers out of (and into) a Seller Wallet account' },
					{ name: 'Transfer Preview', value: 'transferPreview', description: 'Rate and fees of a transfer before making it' },
					{ name: 'Transfer Schedule', value: 'transferSchedule', description: 'Transfers that repeat by themselves' },
				],
				default: 'account',
			},
			...account.description,
			...transferPreview.description,
			...transaction.description,
			...transferSchedule.description,
			...payout.description,
			...paymentMethod.description,
		],
	};

	constructor() {
		// ACORN_LANGUAGE=zh-CN shows this node in Chinese (nodes/sp-api/i18n); English stays the default.
		// Also: the canvas subtitle in words and docs links into the README of that language.
		this.description = editorDescription(this.description, codex);
	}

	methods = {
		...spApiNodeMethods,
		loadOptions: { ...spApiNodeMethods.loadOptions, getWalletAccounts },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
