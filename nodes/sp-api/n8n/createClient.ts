import type { ICredentialDataDecryptedObject, Logger } from 'n8n-workflow';
import { SpApiClient, type SpApiClientOptions } from '../client';
import { loadSpApiCredentials } from './credentialData';
import { redactingLogger } from './logger';

/** The parts of n8n's execute, poll, trigger and load-options contexts the core needs. */
export interface SpApiContext {
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string, itemIndex?: number): Promise<T>;
	logger?: Logger;
	getExecutionCancelSignal?: () => AbortSignal | undefined;
}

export async function createSpApiClient(
	context: SpApiContext,
	itemIndex?: number,
	overrides: Partial<Omit<SpApiClientOptions, 'credentials'>> = {},
): Promise<SpApiClient> {
	const credentials = await loadSpApiCredentials(context, itemIndex);
	return new SpApiClient({
		credentials,
		logger: redactingLogger(context.logger),
		signal: context.getExecutionCancelSignal?.(),
		...overrides,
	});
}
