import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { spApiNodeMethods } from '../sp-api/n8n/nodeMethods';
import * as invoice from './actions/invoice';
import * as purchaseOrder from './actions/purchaseOrder';
import { router } from './actions/router';
import * as shipment from './actions/shipment';
import * as transactionStatus from './actions/transactionStatus';
import { editorDescription } from '../sp-api/n8n/editorDescription';
import codex from './AmazonSpApiVendor.node.json';

export class AmazonSpApiVendor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon SP-API Vendor',
		name: 'amazonSpApiVendor',
		icon: { light: 'file:../icons/acorn.svg', dark: 'file:../icons/acorn.dark.svg' },
		group: ['transform'],
		version: 1,
		// Shown in words ("Get many purchase orders") instead of this raw value by editorDescription (n8n/subtitle.ts).
		subtitle: '={{$parameter["operation"]}}',
		description: 'Purchase orders, shipment confirmations, invoices and Shortage Watch for Amazon vendors (Vendor Central, Selling Partner API)',
		defaults: { name: 'Amazon Vendor' },
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
					{ name: 'Invoice', value: 'invoice', description: 'Invoices and credit notes you send Amazon' },
					{ name: 'Purchase Order', value: 'purchaseOrder', description: 'Amazon\'s orders to you, their receiving status and Shortage Watch' },
					{ name: 'Shipment', value: 'shipment', description: 'Shipment confirmations (ASNs) and labels' },
					{ name: 'Transaction Status', value: 'transactionStatus', description: 'Whether Amazon applied what you submitted' },
				],
				default: 'purchaseOrder',
			},
			...purchaseOrder.description,
			...shipment.description,
			...invoice.description,
			...transactionStatus.description,
		],
	};

	constructor() {
		// ACORN_LANGUAGE=zh-CN shows this node in Chinese (nodes/sp-api/i18n); English stays the default.
		// Also: the canvas subtitle in words and docs links into the README of that language.
		this.description = editorDescription(this.description, codex);
	}

	methods = spApiNodeMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
