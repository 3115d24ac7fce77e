import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { SpApiClient } from '../client';
import { canProbeOtherRegions, CredentialConfigError, normalizeCredentials, type SpApiCredentials } from '../credentials';
import { SpApiError } from '../errors';
import { tr } from '../i18n/translate';
import { getOperation } from '../operations';
import { REGION_CODES, REGIONS, type SpApiRegion } from '../regions';
import { DEFAULT_RETRY_POLICY } from '../retry';
import { readParticipations, type Participation } from '../sellerStores';
import { redactingLogger } from './logger';
import { amazonSaidLine } from './nodeErrors';

/** A credential test must answer in seconds, not wait out a usage plan. */
const TEST_RETRY_POLICY = { ...DEFAULT_RETRY_POLICY, max429Retries: 1, max429WaitMs: 5_000, maxTransientRetries: 1 };

function testClient(credentials: SpApiCredentials, context: ICredentialTestFunctions): SpApiClient {
	return new SpApiClient({ credentials, timeoutMs: 15_000, retryPolicy: TEST_RETRY_POLICY, logger: redactingLogger(context.logger) });
}

function fail(message: string): INodeCredentialTestResult {
	return { status: 'Error', message };
}

/** ACORN's explanation, then Amazon's own words (when Amazon said anything) as they were sent. */
function withAmazonWords(explanation: string, error: SpApiError): string {
	const line = amazonSaidLine(error.amazonSaid);
	return line ? `${explanation} ${line}` : explanation;
}

async function regionThatWorks(client: SpApiClient, exclude: SpApiRegion): Promise<SpApiRegion | undefined> {
	for (const region of REGION_CODES.filter((r) => r !== exclude)) {
		try {
			await client.call('getMarketplaceParticipations', { region });
			return region;
		} catch {
			// not this one either
		}
	}
	return undefined;
}

/** What the test found: the store's name and the stores it sells in ("amazon.com, amazon.ca"). */
export function connectedMessage(found: { storeName?: string; domains: readonly string[] }, region: string): string {
	const stores = found.domains.join(', ');
	if (found.domains.length === 0) {
		return found.storeName
			? tr`Connected to "${found.storeName}" in region ${region}, but Amazon lists no store it sells in there.`
			: tr`Connected in region ${region}, but Amazon lists no store this seller sells in there.`;
	}
	return found.storeName ? tr`Connected to "${found.storeName}" — ${stores}.` : tr`Connected — sells in ${stores}.`;
}

/**
 * Step 1 exchanges the refresh token with Login with Amazon, step 2 calls getMarketplaceParticipations.
 * Each failure is told in words a seller can act on: wrong client id/secret, refresh token revoked, app
 * lacks the role, wrong region for this seller, endpoint unreachable.
 */
export async function amazonSpApiConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	let credentials: SpApiCredentials;
	try {
		credentials = normalizeCredentials(credential.data ?? {});
	} catch (error) {
		return fail(error instanceof CredentialConfigError ? error.message : tr`The credential could not be read.`);
	}
	const client = testClient(credentials, this);
	const operation = getOperation('getMarketplaceParticipations');

	try {
		await client.accessToken(operation);
	} catch (error) {
		if (!(error instanceof SpApiError)) return fail(tr`Step 1 of 2 (Login with Amazon) failed unexpectedly.`);
		return fail(withAmazonWords(tr`Step 1 of 2 (Login with Amazon) failed: ${error.hint}`, error));
	}

	try {
		const response = await client.call<{ payload?: Participation[] }>('getMarketplaceParticipations');
		return { status: 'OK', message: connectedMessage(readParticipations(response.data.payload), credentials.region) };
	} catch (error) {
		if (!(error instanceof SpApiError)) return fail(tr`Step 2 of 2 (SP-API call) failed unexpectedly.`);
		if (error.kind === 'network') {
			return fail(tr`Step 2 of 2: the SP-API endpoint for region ${credentials.region} could not be reached. ${error.hint}`);
		}
		if (error.kind === 'rateLimited') {
			return fail(tr`The credential works, but Amazon is throttling the test call right now. Wait a minute and test again.`);
		}
		if (error.httpStatus === 403) {
			if (canProbeOtherRegions(credentials)) {
				const other = await regionThatWorks(client, credentials.region);
				if (other) {
					return fail(
						tr`The login works, but this seller is authorised in region ${other} (${REGIONS[other].name}), not ${credentials.region}. Change "Region" to ${other}.`,
					);
				}
			}
			return fail(
				withAmazonWords(
					tr`The login works, but Amazon refused the SP-API call: the app probably lacks a role (Developer Console → your app → Roles; then authorise the app again) or the seller has not authorised it in this region.`,
					error,
				),
			);
		}
		return fail(withAmazonWords(tr`Step 2 of 2 failed: ${error.hint}`, error));
	}
}
