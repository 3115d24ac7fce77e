import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { tr } from '../../../sp-api/i18n/translate';

export function scheduleIdProperty(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return { displayName: 'Schedule ID', name: 'reportScheduleId', type: 'string', default: '', required: true, description: 'The reportScheduleId of the schedule', displayOptions };
}

export function readScheduleId(context: IExecuteFunctions, itemIndex: number): string {
	const value = String(context.getNodeParameter('reportScheduleId', itemIndex, '') ?? '').trim();
	if (!value) throw new InputError(tr`Enter the schedule ID (from "Schedule → Get Many").`);
	return value;
}

/** Amazon's allowed periods (CreateReportScheduleSpecification.period). */
export const PERIODS: Array<{ name: string; value: string }> = [
	{ name: 'Every 5 Minutes', value: 'PT5M' },
	{ name: 'Every 15 Minutes', value: 'PT15M' },
	{ name: 'Every 30 Minutes', value: 'PT30M' },
	{ name: 'Every Hour', value: 'PT1H' },
	{ name: 'Every 2 Hours', value: 'PT2H' },
	{ name: 'Every 4 Hours', value: 'PT4H' },
	{ name: 'Every 8 Hours', value: 'PT8H' },
	{ name: 'Every 12 Hours', value: 'PT12H' },
	{ name: 'Every Day', value: 'P1D' },
	{ name: 'Every 2 Days', value: 'P2D' },
	{ name: 'Every 3 Days', value: 'P3D' },
	{ name: 'Every 84 Hours (Twice a Week)', value: 'PT84H' },
	{ name: 'Every 7 Days', value: 'P7D' },
	{ name: 'Every 14 Days', value: 'P14D' },
	{ name: 'Every 15 Days', value: 'P15D' },
	{ name: 'Every 18 Days', value: 'P18D' },
	{ name: 'Every 30 Days', value: 'P30D' },
	{ name: 'Every Month', value: 'P1M' },
];
