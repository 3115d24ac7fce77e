import { AccessTokenCache } from '../../nodes/sp-api/auth/tokenCache';
import { SpApiClient, type SpApiClientOptions } from '../../nodes/sp-api/client';
import { normalizeCredentials, type SpApiCredentialData } from '../../nodes/sp-api/credentials';
import { RateLimiter } from '../../nodes/sp-api/rateLimit/limiter';

export interface RecordedSleep {
	sleeps: number[];
	sleep: (ms: number) => Promise<void>;
	/** A clock that moves forward by exactly what was slept (plus real time), for the rate limiter. */
	now: () => number;
}

/** Sleeps that return at once but are recorded, so tests check the waits without waiting. */
export function recordingSleep(): RecordedSleep {
	const sleeps: number[] = [];
	let slept = 0;
	return {
		sleeps,
		sleep: async (ms: number) => {
			sleeps.push(ms);
			slept += ms;
		},
		now: () => Date.now() + slept,
	};
}

export function credentialData(baseUrl: string, overrides: SpApiCredentialData = {}): SpApiCredentialData {
	return {
		clientId: 'amzn1.application-oa2-client.test0000000000000000000000000001',
		clientSecret: 'unit-test-client-secret-value-0001',
		refreshToken: 'unit-test-refresh-token-value-0001',
		region: 'NA',
		environment: 'production',
		useCustomEndpoints: true,
		lwaTokenUrl: `${baseUrl}/auth/o2/token`,
		spApiEndpoint: baseUrl,
		...overrides,
	};
}

/** A client with its own token cache and limiter, so tests never share state. */
export function isolatedClient(baseUrl: string, options: Partial<SpApiClientOptions> = {}, data: SpApiCredentialData = {}): SpApiClient {
	return new SpApiClient({
		credentials: normalizeCredentials(credentialData(baseUrl, data)),
		tokenCache: new AccessTokenCache(),
		rateLimiter: new RateLimiter(),
		random: () => 0.5,
		...options,
	});
}
