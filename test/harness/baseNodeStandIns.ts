/**
 * Stand-ins for n8n-nodes-base nodes that ACORN's workflow files use and that have to run in-process
 * (n8n-nodes-base is not a dependency). Each copies the real node's description where n8n's engine
 * reads it (inputs, required inputs) and its behaviour for the settings our workflows use, and refuses
 * every other setting instead of guessing. Checked against n8n-nodes-base 2.41.1.
 */
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

/**
 * n8n's Merge node (version 3.x) in mode "Append": the items of every input, input 1 first. Like the real
 * node it declares its inputs from "Number of Inputs" and needs data on at least one input to run.
 */
export class MergeAppendStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Merge',
		name: 'merge',
		group: ['transform'],
		version: [3, 3.1, 3.2],
		description: 'Merges data of multiple streams once data from both is available',
		defaults: { name: 'Merge' },
		// n8n-nodes-base Merge v3: `inputs: ={{(configuredInputs)($parameter)}}`, `requiredInputs` 1 unless "Choose Branch".
		inputs: `={{ Array.from({ length: $parameter.numberInputs || 2 }, (_, i) => ({ type: 'main', displayName: 'Input ' + (i + 1) })) }}`,
		requiredInputs: '={{ $parameter["mode"] === "chooseBranch" ? [0, 1] : 1 }}',
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'options', options: [{ name: 'Append', value: 'append' }], default: 'append' },
			{ displayName: 'Number of Inputs', name: 'numberInputs', type: 'number', default: 2 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const mode = this.getNodeParameter('mode', 0, 'append') as string;
		if (mode !== 'append') throw new NodeOperationError(this.getNode(), `The in-process Merge stand-in only does "Append", not "${mode}"`);
		const count = Number(this.getNodeParameter('numberInputs', 0, 2)) || 2;
		const items: INodeExecutionData[] = [];
		for (let input = 0; input < count; input++) {
			try {
				items.push(...(this.getInputData(input) ?? []));
			} catch {
				// an input without data (its branch output nothing), as the real node treats it
			}
		}
		return [items];
	}
}

export const BASE_NODE_STAND_INS = {
	'n8n-nodes-base.merge': new MergeAppendStandIn(),
};
