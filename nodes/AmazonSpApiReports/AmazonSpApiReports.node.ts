import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { SP_API_CREDENTIAL, SP_API_CREDENTIAL_TEST } from '../sp-api/n8n/credentialData';
import { amazonSpApiConnectionTest } from '../sp-api/n8n/credentialTest';
import { getMarketplaces } from '../sp-api/n8n/marketplaceOptions';
import { KNOWN_REPORT_TYPES, searchReportTypes } from '../sp-api/reports';
import * as document from './actions/document';
import * as report from './actions/report';
import { router } from './actions/router';
import * as schedule from './actions/schedule';
import * as settlement from './actions/settlement';
import { localizedNodeDescription } from '../sp-api/i18n/translate';

/** Searchable report types for the "Report Type" picker. */
async function searchReportTypesMethod(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return {
		results: searchReportTypes(filter).map((known) => ({ name: `${known.name} (${known.type})`, value: known.type, description: known.description })),
	};
}

/** All known report types for multi-select lists. */
async function getReportTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return KNOWN_REPORT_TYPES.map((known) => ({ name: `${known.category}: ${known.name}`, value: known.type, description: `${known.type} — ${known.description}` }));
}

export class AmazonSpApiReports implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon SP-API Reports',
		name: 'amazonSpApiReports',
		icon: { light: 'file:../icons/acorn.svg', dark: 'file:../icons/acorn.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
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
					{ name: 'Report', value: 'report' },
					{ name: 'Report Document', value: 'document' },
					{ name: 'Report Schedule', value: 'schedule' },
					{ name: 'Settlement Report', value: 'settlement' },
				],
				default: 'report',
			},
			...report.description,
			...document.description,
			...schedule.description,
			...settlement.description,
		],
	};

	constructor() {
		// ACORN_LANGUAGE=zh-CN shows this node in Chinese (nodes/sp-api/i18n); English stays the default.
		this.description = localizedNodeDescription(this.description);
	}

	methods = {
		loadOptions: { getMarketplaces, getReportTypes },
		listSearch: { searchReportTypes: searchReportTypesMethod },
		credentialTest: { [SP_API_CREDENTIAL_TEST]: amazonSpApiConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
