/**
 * Time scaling for ACORN's own waits in tests that provoke many failures (the error-text walk, the
 * fault sweep): the emulator's clock and usage plans are scaled by its `timeScale`, but the SP-API
 * core waits in real time between retries (seconds) and gives Amazon 30 s to answer. These helpers
 * shorten those waits in the BUILT core that n8n loads (dist/, the same module instances under jest),
 * without changing what is decided: the same retries happen, only sooner.
 */
import * as path from 'node:path';
import type { SpApiClient } from '../../nodes/sp-api/client';
import type { AccessTokenCache } from '../../nodes/sp-api/auth/tokenCache';
import type { RetryPolicy } from '../../nodes/sp-api/retry';
import { REPO_ROOT } from './n8nHarness';

interface BuiltCore {
	retry: { DEFAULT_RETRY_POLICY: RetryPolicy };
	client: { DEFAULT_TIMEOUT_MS: number; SpApiClient: typeof SpApiClient };
	tokens: { sharedTokenCache: AccessTokenCache };
}

function builtCore(): BuiltCore {
	const load = (file: string): unknown =>
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		require(path.join(REPO_ROOT, 'dist', 'nodes', 'sp-api', file));
	return { retry: load('retry.js') as BuiltCore['retry'], client: load('client.js') as BuiltCore['client'], tokens: load('auth/tokenCache.js') as BuiltCore['tokens'] };
}

export interface CoreTuning {
	/** Retry settings (delays in ms); the retry decisions themselves are unchanged. */
	retry?: Partial<RetryPolicy>;
	/** How long the core waits for an answer when the node sets no timeout itself. */
	timeoutMs?: number;
}

/** Applies `tuning` to the built core; returns a function that puts the previous values back. */
export function tuneCore(tuning: CoreTuning): () => void {
	const core = builtCore();
	const policy = core.retry.DEFAULT_RETRY_POLICY as { -readonly [K in keyof RetryPolicy]: RetryPolicy[K] };
	const previousPolicy = { ...policy };
	const previousTimeout = core.client.DEFAULT_TIMEOUT_MS;
	Object.assign(policy, tuning.retry ?? {});
	if (tuning.timeoutMs !== undefined) core.client.DEFAULT_TIMEOUT_MS = tuning.timeoutMs;
	return () => {
		Object.assign(policy, previousPolicy);
		core.client.DEFAULT_TIMEOUT_MS = previousTimeout;
	};
}

/** Forgets every access token the nodes hold, so the next call asks Login with Amazon again. */
export function forgetAccessTokens(): void {
	builtCore().tokens.sharedTokenCache.clear();
}
