import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { SP_API_CREDENTIAL, SP_API_CREDENTIAL_TEST } from '../sp-api/n8n/credentialData';
import { amazonSpApiConnectionTest } from '../sp-api/n8n/credentialTest';
import { getMarketplaces } from '../sp-api/n8n/marketplaceOptions';
import { getReportTypes, searchReportTypes } from './methods/reportTypes';
import * as accountHealth from './actions/accountHealth';
import * as document from './actions/document';
import * as report from './actions/report';
import { router } from './actions/router';
import * as schedule from './actions/schedule';
import * as settlement from './actions/settlement';
import * as taxReport from './actions/taxReport';
import { editorDescription } from '../sp-api/n8n/editorDescription';
import codex from './AmazonSpApiReports.node.json';

export class AmazonSpApiReports implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon SP-API Reports',
		name: 'amazonSpApiReports',
		icon: { light: 'file:../icons/acorn.svg', dark: 'file:../icons/acorn.dark.svg' },
		group: ['input'],
		version: 1,
		// Shown in words ("Get refunds") instead of this raw value by editorDescription (n8n/subtitle.ts).
		subtitle: '={{$parameter["operation"]}}',
		description: 'Request, wait for and download Amazon reports (settlements, returns, reimbursements, orders, inventory) as rows or files',
		defaults: { name: 'Amazon Reports' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: SP_API_CREDENTIAL, required: true, testedBy: SP_API_CREDENTIAL_TEST }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account Health', value: 'accountHealth' },
					{ name: 'Report', value: 'report' },
					{ name: 'Report Document', value: 'document' },
					{ name: 'Report Schedule', value: 'schedule' },
					{ name: 'Settlement Report', value: 'settlement' },
					{ name: 'Tax Report', value: 'taxReport' },
				],
				default: 'report',
			},
			...report.description,
			...document.description,
			...schedule.description,
			...settlement.description,
			...taxReport.description,
			...accountHealth.description,
		],
	};

	constructor() {
		// ACORN_LANGUAGE=zh-CN shows this node in Chinese (nodes/sp-api/i18n); English stays the default.
		// Also: the canvas subtitle in words and docs links into the README of that language.
		this.description = editorDescription(this.description, codex);
	}

	methods = {
		loadOptions: { getMarketplaces, getReportTypes },
		listSearch: { searchReportTypes },
		credentialTest: { [SP_API_CREDENTIAL_TEST]: amazonSpApiConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
