import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { DOCUMENT_URL_LIFETIME_MS, getReportDocument } from '../../../sp-api/reports';
import { documentIdProperty, readDocumentId } from './fields';
import { tr } from '../../../sp-api/i18n/translate';

const displayOptions = { show: { resource: ['document'], operation: ['get'] } };

export const description: INodeProperties[] = [
	documentIdProperty(displayOptions),
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions, options: [includeResponseMetadataOption] },
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const document = await getReportDocument(client, readDocumentId(this, itemIndex));
	const json: IDataObject = {
		reportDocumentId: document.reportDocumentId,
		url: document.url,
		compressionAlgorithm: document.compressionAlgorithm,
		urlExpiresAt: new Date(document.fetchedAt + DOCUMENT_URL_LIFETIME_MS).toISOString(),
		note: tr`The download address works for 5 minutes. Use "Document → Download" to get the contents instead.`,
	};
	return [document.metadata ? withResponseMetadata(json, document.metadata, options.includeResponseMetadata === true) : json];
}
