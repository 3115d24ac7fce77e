import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { ResponseMetadata } from '../client';

/** An option on every node: evidence for refund disputes (request id, status, times, rate limit). */
export const includeResponseMetadataOption: INodeProperties = {
	displayName: 'Include Response Metadata',
	name: 'includeResponseMetadata',
	type: 'boolean',
	default: false,
	description:
		"Whether to add Amazon's request ID, HTTP status, timestamps and rate limit to each item, under <code>responseMetadata</code> — useful as evidence in disputes",
};

export function responseMetadataJson(metadata: ResponseMetadata): IDataObject {
	return { ...metadata };
}

export function withResponseMetadata<T extends IDataObject>(json: T, metadata: ResponseMetadata, include: boolean): T {
	return include ? { ...json, responseMetadata: responseMetadataJson(metadata) } : json;
}
