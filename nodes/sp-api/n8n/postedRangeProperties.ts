import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parseDateInput } from '../dates';
import { resolvePostedRange, type PostedRange } from '../finances/postedRange';

/**
 * "Posted After" / "Posted Before" fields for finances operations, and reading them into a checked,
 * clamped and split range (see finances/postedRange.ts).
 */
export function postedRangeProperties(displayOptions: INodeProperties['displayOptions'], defaultLookbackDays: number): INodeProperties[] {
	return [
		{
			displayName: 'Posted After',
			name: 'postedAfter',
			type: 'dateTime',
			default: '',
			description: `Only money Amazon posted at or after this time. Empty means ${defaultLookbackDays === 1 ? 'one day' : `${defaultLookbackDays} days`} ago.`,
			hint: defaultLookbackDays === 1 ? 'Empty: one day ago' : `Empty: ${defaultLookbackDays} days ago`,
			displayOptions,
		},
		{
			displayName: 'Posted Before',
			name: 'postedBefore',
			type: 'dateTime',
			default: '',
			description:
				'Only money Amazon posted before this time. Empty means now. Amazon needs it at least two minutes in the past; a later time is moved back for you. Ranges longer than 180 days are split into several calls.',
			hint: 'Empty: now (Amazon needs two minutes ago at the latest)',
			displayOptions,
		},
	];
}

export function readPostedRange(context: IExecuteFunctions, itemIndex: number, defaultLookbackDays: number, now = Date.now()): PostedRange {
	const timeZone = context.getTimezone();
	return resolvePostedRange({
		now,
		after: parseDateInput(context.getNodeParameter('postedAfter', itemIndex, ''), 'Posted After', timeZone),
		before: parseDateInput(context.getNodeParameter('postedBefore', itemIndex, ''), 'Posted Before', timeZone),
		defaultLookbackMs: defaultLookbackDays * 86_400_000,
	});
}
