import { SpApiError } from '../errors';
import { ReportError } from '../reports/errors';
import { NetworkError } from '../transport';

/**
 * REPORT_PROCESSING_FINISHED with the trigger's "Download Report": which report the notification is
 * about, and what a failed download means for its message.
 *
 * A download can fail for a while (Amazon's storage or API answers 5xx, the connection drops mid-file,
 * the usage plan stays exhausted): then the message is not deleted but hidden again for a growing
 * pause, so SQS itself brings it back later; the notification was not remembered as handed over, so
 * the redelivery is not mistaken for a duplicate. A failure that repeating cannot fix (the app lacks
 * the role, the document is gone, the file cannot be read), or one that persists over every attempt,
 * is passed on to the workflow as the notification with the reason, so a person learns of it and can
 * download the report later with the Reports node; it is never dropped silently.
 */
export interface FinishedReport {
	reportId?: string;
	reportType?: string;
	processingStatus?: string;
	reportDocumentId?: string;
}

/** The report fields of a REPORT_PROCESSING_FINISHED item (lifted there by `fieldsFirst`). */
export function finishedReportOf(item: Record<string, unknown>): FinishedReport {
	const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
	return {
		reportId: text(item.reportId),
		reportType: text(item.reportType),
		processingStatus: text(item.processingStatus)?.toUpperCase(),
		reportDocumentId: text(item.reportDocumentId),
	};
}

export interface DownloadRetryPolicy {
	/** Pause before the second attempt. */
	firstSeconds: number;
	/** Longest pause between two attempts. */
	maxSeconds: number;
	/** Deliveries of the message (SQS ApproximateReceiveCount) after which a failure is passed on. */
	maxAttempts: number;
}

/**
 * 30 s, 1, 2, 4, 8 then 15 minutes: eight attempts spread over about 45 minutes, long enough to ride out
 * an outage of Amazon's storage, short enough that a seller hears of a persistent problem the same hour.
 * A queue's dead-letter queue with a lower "maximum receives" takes the message earlier (also not lost).
 */
export const DEFAULT_DOWNLOAD_RETRY: DownloadRetryPolicy = { firstSeconds: 30, maxSeconds: 900, maxAttempts: 8 };

/** Seconds to keep the message hidden after its `attempt`-th delivery failed. */
export function retryDelaySeconds(attempt: number, policy: DownloadRetryPolicy = DEFAULT_DOWNLOAD_RETRY): number {
	const n = Math.max(1, Math.floor(Number.isFinite(attempt) ? attempt : 1));
	return Math.min(policy.maxSeconds, policy.firstSeconds * 2 ** Math.min(n - 1, 20));
}

export interface DownloadFailure {
	/** True when trying again later can succeed. */
	transient: boolean;
	/** What went wrong, in one sentence a seller can read (no advice about re-running a node: the trigger retries). */
	reason: string;
	/** For the item: the error's message, hint, kind and ids. Nothing secret. */
	summary: Record<string, unknown>;
}

function retryableStatus(status: number | undefined): boolean {
	return status === undefined || status >= 500 || status === 408 || status === 429;
}

/** Whether a failed download (or error-document read) may succeed when tried again later. */
export function judgeDownloadFailure(error: unknown): DownloadFailure {
	if (error instanceof SpApiError) {
		let transient: boolean;
		switch (error.kind) {
			case 'network':
			case 'rateLimited':
			case 'aborted':
				transient = true;
				break;
			case 'http':
			case 'auth':
				transient = retryableStatus(error.httpStatus);
				break;
			default:
				transient = false;
		}
		return {
			transient,
			reason: error.hint,
			summary: { message: error.message, hint: error.hint, kind: error.kind, operation: error.operation, httpStatus: error.httpStatus, amazonCode: error.amazonCode, requestId: error.requestId },
		};
	}
	if (error instanceof ReportError) {
		// S3 answers 403 for an expired address (the pipeline renews it once) and 5xx when it is unwell
		const transient =
			error.kind === 'truncated' || error.kind === 'timeout' || (error.kind === 'download' && (retryableStatus(error.httpStatus) || error.httpStatus === 403));
		return { transient, reason: error.message, summary: error.toJSON() };
	}
	if (error instanceof NetworkError) return { transient: true, reason: error.message, summary: { message: error.message, kind: 'network' } };
	// unknown failures (e.g. n8n could not store the file): try again, but only a bounded number of times
	const message = error instanceof Error ? error.message : String(error);
	return { transient: true, reason: message, summary: { message, kind: 'unexpected' } };
}

export type FailureDecision =
	| { action: 'retry'; seconds: number; attempt: number; failure: DownloadFailure }
	| { action: 'passOn'; attempt: number; failure: DownloadFailure };

/** Try again later (hidden `seconds`), or pass the notification on with the reason. */
export function decideAfterFailure(error: unknown, attempt: number | undefined, policy: DownloadRetryPolicy = DEFAULT_DOWNLOAD_RETRY): FailureDecision {
	const failure = judgeDownloadFailure(error);
	const n = Math.max(1, attempt ?? 1);
	if (failure.transient && n < policy.maxAttempts) return { action: 'retry', seconds: retryDelaySeconds(n, policy), attempt: n, failure };
	return { action: 'passOn', attempt: n, failure };
}
