import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { eventFilterProperties, listFinancialEvents } from './common';
import { tr } from '../../../sp-api/i18n/translate';

const displayOptions = { show: { resource: ['financialEvent'], operation: ['getByGroup'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Financial Event Group ID',
		name: 'financialEventGroupId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 4MVaHcsAfaYAlwlaPWrXJxrfUiKfYZ2ooWtY7528FUA',
		description: 'The settlement period, as listed by "Financial Event Group → Get Many" (field financialEventGroupId)',
		displayOptions,
	},
	...eventFilterProperties(displayOptions),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const financialEventGroupId = String(this.getNodeParameter('financialEventGroupId', itemIndex, '')).trim();
	if (!financialEventGroupId) throw new InputError(tr`"Financial Event Group ID" is empty. Take it from "Financial Event Group → Get Many".`);
	return await listFinancialEvents(this, itemIndex, client, { by: 'group', financialEventGroupId });
}
