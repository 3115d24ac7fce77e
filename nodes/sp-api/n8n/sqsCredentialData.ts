import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { normalizeSqsCredentials, type SqsQueueSettings } from '../aws/queueCredentials';

/** Name of the credential type in credentials/AmazonSqsApi.credentials.ts. */
export const SQS_CREDENTIAL = 'amazonSqsApi';

/** Name of the credential test the notifications trigger points to with `testedBy`. */
export const SQS_CREDENTIAL_TEST = 'amazonSqsConnectionTest';

interface CredentialReader {
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string, itemIndex?: number): Promise<T>;
}

export async function loadSqsSettings(context: CredentialReader, itemIndex?: number): Promise<SqsQueueSettings> {
	return normalizeSqsCredentials(await context.getCredentials(SQS_CREDENTIAL, itemIndex));
}
