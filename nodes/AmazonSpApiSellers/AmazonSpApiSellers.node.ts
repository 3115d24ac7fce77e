import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { spApiNodeMethods } from '../sp-api/n8n/nodeMethods';
import { router } from './actions/router';
import * as seller from './actions/seller';
import { editorDescription } from '../sp-api/n8n/editorDescription';
import codex from './AmazonSpApiSellers.node.json';

export class AmazonSpApiSellers implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon SP-API Seller Account',
		name: 'amazonSpApiSellers',
		icon: { light: 'file:../icons/acorn.svg', dark: 'file:../icons/acorn.dark.svg' },
		group: ['input'],
		version: 1,
		// Shown in words ("Get refunds") instead of this raw value by editorDescription (n8n/subtitle.ts).
		subtitle: '={{$parameter["operation"]}}',
		description: 'Check which Amazon stores a seller account sells in (Selling Partner API)',
		defaults: { name: 'Amazon Seller Account' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Literals, not SP_API_CREDENTIAL/SP_API_CREDENTIAL_TEST: n8n's linter reads them from the source
		// to check that the credential is tested (test/workflow/foundation checks they match the constants).
		credentials: [{ name: 'amazonSpApi', required: true, testedBy: 'amazonSpApiConnectionTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Seller', value: 'seller' }],
				default: 'seller',
			},
			...seller.description,
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
