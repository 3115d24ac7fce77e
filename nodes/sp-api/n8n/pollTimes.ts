/**
 * "Poll Times" of a polling trigger with a default ACORN chooses.
 *
 * n8n gives every polling node its own "Poll Times" field (default: every minute) by putting it in front of
 * the node's fields when it loads the package (n8n-core DirectoryLoader.applySpecialNodeParameters:
 * `properties.unshift(...commonPollingParameters)`, n8n 2.41). A node cannot change that default, so the
 * trigger declares the field itself, with the same options (n8n-workflow's `cronNodeOptions`), and its
 * list of fields ignores n8n's copy when n8n adds it. test/workflow/newRefundTrigger.workflow.test.ts loads
 * the package the way n8n does and checks that exactly one "Poll Times" is left, with ACORN's default.
 */
import { cronNodeOptions, type IDisplayOptions, type INodeParameters, type INodeProperties } from 'n8n-workflow';

/** One entry of Poll Times, as n8n saves it (e.g. `{ mode: 'everyHour', minute: 0 }`). */
export type PollTime = INodeParameters & { mode: string };

export function pollTimesProperty(defaults: PollTime[], extra: { hint?: string; displayOptions?: IDisplayOptions } = {}): INodeProperties {
	return {
		displayName: 'Poll Times',
		name: 'pollTimes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Poll Time' },
		default: { item: defaults },
		description: 'Time at which polling should occur',
		placeholder: 'Add Poll Time',
		options: cronNodeOptions,
		...extra,
	};
}

/** The node's fields, as a list that keeps its own "Poll Times" when n8n puts its default one in front. */
export function keepOwnPollTimes(properties: INodeProperties[]): INodeProperties[] {
	const list = [...properties];
	Object.defineProperty(list, 'unshift', {
		enumerable: false,
		value(this: INodeProperties[], ...added: INodeProperties[]): number {
			return Array.prototype.unshift.apply(
				this,
				added.filter((property) => !this.some((own) => own.name === property.name)),
			);
		},
	});
	return list;
}
