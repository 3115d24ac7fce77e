import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { errorItemJson, toNodeError } from './nodeErrors';

export type ItemResult = IDataObject | INodeExecutionData;

function isExecutionData(value: ItemResult): value is INodeExecutionData {
	return typeof (value as INodeExecutionData).json === 'object' && (value as INodeExecutionData).json !== null;
}

/**
 * Runs `perItem` for every input item with n8n's conventions: outputs are paired to the item that
 * produced them, and with "Continue On Fail" a failing item becomes an error item instead of a stop.
 */
export async function runPerItem(
	context: IExecuteFunctions,
	perItem: (itemIndex: number) => Promise<ItemResult[]>,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const results = await perItem(itemIndex);
			for (const result of results) {
				const data = isExecutionData(result) ? result : { json: result };
				out.push({ ...data, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (context.continueOnFail()) {
				out.push({ json: errorItemJson(error), pairedItem: { item: itemIndex } });
				continue;
			}
			throw toNodeError(context.getNode(), error, itemIndex);
		}
	}
	return out;
}
