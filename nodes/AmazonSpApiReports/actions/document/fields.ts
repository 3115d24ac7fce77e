import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { tr } from '../../../sp-api/i18n/translate';

export function documentIdProperty(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Report Document ID',
		name: 'reportDocumentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'amzn1.spdoc.1.4.na.…',
		description: 'The reportDocumentId of a finished report (from "Report → Get" or "Report → Get Many")',
		displayOptions,
	};
}

export function readDocumentId(context: IExecuteFunctions, itemIndex: number): string {
	const value = String(context.getNodeParameter('reportDocumentId', itemIndex, '') ?? '').trim();
	if (!value) throw new InputError(tr`Enter the report document ID (it starts with amzn1.spdoc).`);
	return value;
}
