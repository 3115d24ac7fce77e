import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { spApiNodeMethods } from '../sp-api/n8n/nodeMethods';
import * as refund from './actions/refund';
import * as returns from './actions/return';
import { router } from './actions/router';
import { editorDescription } from '../sp-api/n8n/editorDescription';
import codex from './AmazonSpApiRefunds.node.json';

export class AmazonSpApiRefunds implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon SP-API Refunds',
		name: 'amazonSpApiRefunds',
		icon: { light: 'file:../icons/acorn.svg', dark: 'file:../icons/acorn.dark.svg' },
		group: ['input'],
		// 1.1: amounts as numbers a sheet can sum (exact text in …Exact) and Get Refunds newest first;
		// nodes saved at 1 keep their text amounts and order (sp-api/n8n/amountStyle.ts)
		version: [1, 1.1],
		defaultVersion: 1.1,
		// Shown in words ("Get refunds") instead of this raw value by editorDescription (n8n/subtitle.ts).
		subtitle: '={{$parameter["operation"]}}',
		description: 'Which orders were refunded or returned, for how much, why, when refunds spike, and whether the settlement agrees',
		defaults: { name: 'Amazon Refunds' },
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
					{ name: 'Refund', value: 'refund' },
					{ name: 'Return', value: 'return' },
				],
				default: 'refund',
			},
			...refund.description,
			...returns.description,
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
