/**
 * How long a node waits for Amazon to finish a report it requested: the two fields every node that
 * creates reports shows in its "Options", and reading them into the pipeline's WaitOptions.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { DEFAULT_FIRST_POLL_MS, type WaitOptions } from '../reports';
import { InputError } from './nodeErrors';
import { tr } from '../i18n/translate';

const REPORTS_NODE_TIMEOUT =
	'How long to wait for Amazon to finish the report. When it is not ready by then, the node stops with the report ID so a later run can download it with "Report → Download".';

/** The fields; `timeoutDescription` says what happens when Amazon is late, in the node's own terms. */
export function reportWaitOptions(timeoutDescription = REPORTS_NODE_TIMEOUT): INodeProperties[] {
	return [
		{
			displayName: 'Timeout (Minutes)',
			name: 'timeoutMinutes',
			type: 'number',
			typeOptions: { minValue: 0.01 },
			default: 30,
			description: timeoutDescription,
		},
		{
			displayName: 'First Check After (Seconds)',
			name: 'firstCheckSeconds',
			type: 'number',
			typeOptions: { minValue: 0.01 },
			// a literal for n8n's linter: DEFAULT_FIRST_POLL_MS (5 s) in seconds
			default: 5,
			description: 'When ACORN first asks Amazon whether the report is ready; the pauses then grow (up to one minute)',
		},
	];
}

export const waitOptions: INodeProperties[] = reportWaitOptions();

export function readWaitOptions(context: IExecuteFunctions, itemIndex: number): WaitOptions {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const minutes = Number(options.timeoutMinutes ?? 30);
	const first = Number(options.firstCheckSeconds ?? DEFAULT_FIRST_POLL_MS / 1000);
	if (!(minutes > 0)) throw new InputError(tr`"Timeout (Minutes)" must be more than zero.`);
	if (!(first > 0)) throw new InputError(tr`"First Check After (Seconds)" must be more than zero.`);
	return { timeoutMs: minutes * 60_000, initialIntervalMs: first * 1000 };
}
