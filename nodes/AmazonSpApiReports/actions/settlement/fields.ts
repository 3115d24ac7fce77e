import type { INodeProperties } from 'n8n-workflow';
import { SETTLEMENT_REPORT_TYPES } from '../../../sp-api/reports';

const LABELS: Record<(typeof SETTLEMENT_REPORT_TYPES)[number], string> = {
	GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2: 'Flat File V2 (One Line per Amount)',
	GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE: 'Flat File (Amount Columns)',
	GET_V2_SETTLEMENT_REPORT_DATA_XML: 'XML',
};

export function settlementTypeProperty(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Layout',
		name: 'settlementReportType',
		type: 'options',
		default: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
		description: 'Amazon publishes every settlement in three layouts; V2 is what most accounting tools read',
		options: SETTLEMENT_REPORT_TYPES.map((type) => ({ name: LABELS[type], value: type, description: type })),
		displayOptions,
	};
}

export const settlementNotice = (displayOptions: INodeProperties['displayOptions']): INodeProperties => ({
	displayName:
		'Amazon creates settlement reports by itself, one for each settlement period (usually every 14 days); they cannot be requested. This lists the ones Amazon has published (kept 90 days).',
	name: 'settlementNotice',
	type: 'notice',
	default: '',
	displayOptions,
});
