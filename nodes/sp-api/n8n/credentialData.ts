import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { normalizeCredentials, type SpApiCredentials } from '../credentials';

/** Name of the credential type in credentials/AmazonSpApi.credentials.ts. */
export const SP_API_CREDENTIAL = 'amazonSpApi';

/** Name of the credential test every node points to with `testedBy`. */
export const SP_API_CREDENTIAL_TEST = 'amazonSpApiConnectionTest';

interface CredentialReader {
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string, itemIndex?: number): Promise<T>;
}

export async function loadSpApiCredentials(context: CredentialReader, itemIndex?: number): Promise<SpApiCredentials> {
	const data = await context.getCredentials(SP_API_CREDENTIAL, itemIndex);
	return normalizeCredentials(data);
}
