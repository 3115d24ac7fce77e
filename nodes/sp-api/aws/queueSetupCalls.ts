import { tr } from '../i18n/translate';
import { decideRetry, DEFAULT_RETRY_POLICY, type RetryableOutcome, type RetryState } from '../retry';
import { SqsError } from './sqsErrors';

/**
 * One SQS call of preparing or checking the notifications queue (a person runs it once and reads the
 * answer), treated the way the SP-API core treats Amazon's calls: a read (GetQueueUrl, GetQueueAttributes)
 * is tried again after throttling, an AWS hiccup or a broken connection; a change (CreateQueue,
 * SetQueueAttributes) only after throttling, when AWS did nothing. When it still fails, the advice is true
 * for what happened: the tries made, no answer in time apart from a broken connection, and for a change
 * that it may or may not have been carried out (Prepare can run again: it uses what exists).
 */
const CHANGES: ReadonlySet<string> = new Set(['CreateQueue', 'SetQueueAttributes']);

export interface SetupCallOptions {
	/** How long the SQS client waits for an answer (for the words of a timeout). */
	timeoutMs: number;
	sleep: (ms: number) => Promise<void>;
	random?: () => number;
}

function outcomeOf(error: SqsError): RetryableOutcome | undefined {
	if (error.kind === 'throttled') return { kind: 'throttled' };
	if (error.kind === 'serverError') return { kind: 'serverError', status: error.httpStatus ?? 500 };
	if (error.kind === 'network') return { kind: 'network', failure: error.networkFailure ?? 'reset' };
	return undefined;
}

export async function setupCall<T>(action: string, run: () => Promise<T>, options: SetupCallOptions): Promise<T> {
	const change = CHANGES.has(action);
	const state: RetryState = { throttledRetries: 0, transientRetries: 0, waitedMs: 0 };
	for (;;) {
		try {
			return await run();
		} catch (error) {
			if (!(error instanceof SqsError)) throw error;
			// AWS's reason is quoted apart ("AWS said"); the advice does not repeat it
			if (error.kind === 'invalidRequest') throw error.withHint(tr`AWS SQS refused the ${action} request as invalid. Check the queue name and region in the Amazon SQS credential.`);
			const outcome = outcomeOf(error);
			if (!outcome) throw error;
			// SQS has no usage plan to wait for: the pauses are the core's, for 429s as for the rest
			const decision = decideRetry(outcome, state, !change, DEFAULT_RETRY_POLICY, { random: options.random ?? Math.random, refillMs: DEFAULT_RETRY_POLICY.baseDelayMs });
			if (!decision.retry) throw error.withHint(adviceAfter(error, action, change, state.throttledRetries + state.transientRetries + 1, options.timeoutMs));
			if (outcome.kind === 'throttled') state.throttledRetries += 1;
			else state.transientRetries += 1;
			state.waitedMs += decision.delayMs;
			await options.sleep(decision.delayMs);
		}
	}
}

const RUN_PREPARE_AGAIN = () => tr`Run Prepare again: it uses what is there and adds only what is missing.`;

/** What to say when the call failed for good: only tries that happened, and "maybe" for a change. */
function adviceAfter(error: SqsError, action: string, change: boolean, tries: number, timeoutMs: number): string {
	const seconds = Number((timeoutMs / 1000).toFixed(2));
	if (error.kind === 'throttled') {
		return tries > 1 ? tr`AWS kept refusing ${action} as too many requests, in ${tries} tries. Wait a minute and run it again.` : tr`AWS refused ${action} as too many requests. Wait a minute and run it again.`;
	}
	if (error.kind === 'serverError') {
		const status = error.httpStatus ?? 500;
		if (change) return `${tr`AWS SQS had a problem (HTTP ${status}) while handling ${action}: it may or may not have been carried out.`} ${RUN_PREPARE_AGAIN()}`;
		return tries > 1 ? tr`AWS SQS had a problem (HTTP ${status}) with ${action} and still had it after ${tries} tries. Try again later.` : tr`AWS SQS had a problem (HTTP ${status}) with ${action}. Try again later.`;
	}
	if (error.networkFailure === 'unreachable') return error.hint;
	if (error.networkFailure === 'timeout') {
		if (change) return `${tr`AWS SQS did not answer ${action} within ${seconds} s, so it may or may not have been carried out.`} ${RUN_PREPARE_AGAIN()}`;
		return tries > 1 ? tr`AWS SQS did not answer ${action} within ${seconds} s, in ${tries} tries. Try again later.` : tr`AWS SQS did not answer ${action} within ${seconds} s. Try again later.`;
	}
	if (change) return `${tr`The connection to AWS SQS broke before the answer to ${action} arrived, so it may or may not have been carried out.`} ${RUN_PREPARE_AGAIN()}`;
	return tries > 1
		? tr`The connection to AWS SQS broke before the answer to ${action} arrived, in ${tries} tries. Try again later.`
		: tr`The connection to AWS SQS broke before the answer to ${action} arrived. Try again later.`;
}
