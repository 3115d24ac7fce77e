import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { spApiNodeMethods } from '../sp-api/n8n/nodeMethods';
import * as balance from './actions/balance';
import * as financialEvent from './actions/financialEvent';
import * as financialEventGroup from './actions/financialEventGroup';
import * as summary from './actions/summary';
import * as transaction from './actions/transaction';
import { router } from './actions/router';
import { editorDescription } from '../sp-api/n8n/editorDescription';
import codex from './AmazonSpApiFinances.node.json';

export class AmazonSpApiFinances implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon SP-API Finances',
		name: 'amazonSpApiFinances',
		icon: { light: 'file:../icons/acorn.svg', dark: 'file:../icons/acorn.dark.svg' },
		group: ['input'],
		version: 1,
		// Shown in words ("Get refunds") instead of this raw value by editorDescription (n8n/subtitle.ts).
		subtitle: '={{$parameter["operation"]}}',
		description: 'Settlements, financial events and transactions from the Amazon Selling Partner API',
		defaults: { name: 'Amazon Finances' },
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
					{ name: 'Balance', value: 'balance' },
					{ name: 'Financial Event', value: 'financialEvent' },
					{ name: 'Financial Event Group (Settlement Period)', value: 'financialEventGroup' },
					{ name: 'Settlement Summary', value: 'summary' },
					{ name: 'Transaction', value: 'transaction' },
				],
				default: 'financialEventGroup',
			},
			...financialEventGroup.description,
			...financialEvent.description,
			...transaction.description,
			...balance.description,
			...summary.description,
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
