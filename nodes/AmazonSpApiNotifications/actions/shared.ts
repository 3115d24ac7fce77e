import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { notificationTypeOptions } from '../../sp-api/n8n/notificationProperties';

export function notificationTypeProperty(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Notification Type',
		name: 'notificationType',
		type: 'options',
		options: notificationTypeOptions(),
		default: 'TRANSACTION_UPDATE',
		required: true,
		displayOptions,
	};
}

export function optionsCollection(displayOptions: INodeProperties['displayOptions'], extra: INodeProperties[] = []): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions, options: extra };
}

interface DestinationJson {
	destinationId?: string;
	name?: string;
	resource?: { sqs?: { arn?: string }; eventBridge?: { name?: string; region?: string; accountId?: string } };
}

/** A destination as a row: kind and target first. */
export function destinationItem(d: DestinationJson): IDataObject {
	const sqs = d.resource?.sqs;
	const eventBridge = d.resource?.eventBridge;
	return {
		destinationId: d.destinationId,
		name: d.name,
		kind: sqs ? 'sqs' : eventBridge ? 'eventBridge' : undefined,
		sqsArn: sqs?.arn,
		eventBridgeSource: eventBridge?.name,
		eventBridgeAccountId: eventBridge?.accountId,
		eventBridgeRegion: eventBridge?.region,
		raw: d as IDataObject,
	};
}
