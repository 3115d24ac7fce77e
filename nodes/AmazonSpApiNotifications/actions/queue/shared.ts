import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { QueueReport } from '../../../sp-api/aws/queueSetup';
import { SqsClient } from '../../../sp-api/aws/sqs';
import { loadSqsSettings } from '../../../sp-api/n8n/sqsCredentialData';
import type { SqsQueueSettings } from '../../../sp-api/aws/queueCredentials';

/** The queue of the node's Amazon SQS credential and a client for it. */
export async function queueContext(context: IExecuteFunctions, itemIndex: number): Promise<{ settings: SqsQueueSettings; client: SqsClient }> {
	const settings = await loadSqsSettings(context, itemIndex);
	return { settings, client: new SqsClient({ credentials: settings.credentials, region: settings.region, endpoint: settings.endpoint }) };
}

/** A queue report as an item: the sentence and the verdict first, the details after. */
export function queueItem(report: QueueReport): IDataObject {
	const { message, amazonMaySend, queue, accessPolicy, queueName, queueUrl, queueArn, region, encryption, deadLetterQueue, messagesWaiting, policyVerdict } = report;
	return { message, amazonMaySend, queue, accessPolicy, queueName, queueUrl, queueArn, region, encryption, deadLetterQueue, messagesWaiting, policyVerdict };
}
