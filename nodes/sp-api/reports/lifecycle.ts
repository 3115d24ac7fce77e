/**
 * Creating a report and waiting for it: createReport, then getReport with growing pauses (the core's
 * usage-plan pacing still applies to every call), until DONE, CANCELLED (Amazon's "no data"), FATAL
 * (an error carrying Amazon's error document) or the caller's timeout (an error naming the report id,
 * so a later run can pick the report up instead of creating another).
 */
import type { SpApiClient, SpApiResponse } from '../client';
import { toUtcIso } from '../dates';
import { plainWords } from '../errors';
import { tr } from '../i18n/translate';
import { readReportDocumentText } from './document';
import { inputError, ReportError } from './errors';
import { findReportType, isSettlementReportType, REPORT_TYPE_PATTERN } from './reportTypes';
import type { AmazonReport, CreateReportRequest, ReportOutcome } from './types';

export interface WaitOptions {
	/** Give up after this long (client clock). */
	timeoutMs: number;
	/** Defaults to the client's wait (n8n's sleep, stopped when the execution is cancelled). */
	sleep?: (ms: number) => Promise<void>;
	/** First pause between two status checks; default 5 s. */
	initialIntervalMs?: number;
	/** Longest pause; default 60 s. */
	maxIntervalMs?: number;
	/** Each pause is this much longer than the one before; default 1.5. */
	growth?: number;
	/** Called with every status Amazon reports (for logs or progress). */
	onStatus?: (report: AmazonReport) => void;
	/** FATAL: characters of the error document put into the error; default 4000. */
	errorDocumentMaxChars?: number;
}

export const DEFAULT_FIRST_POLL_MS = 5_000;
export const DEFAULT_MAX_POLL_MS = 60_000;

/** Amazon requires a date range to be in the past; it accepts at most a few seconds of clock skew. */
const FUTURE_TOLERANCE_MS = 60_000;

/**
 * Checks a report request before it is sent. `storesLater`: the marketplaces are still to be filled in
 * ("every store" is asked of Amazon after everything else was found right).
 */
export function validateCreateRequest(request: CreateReportRequest, nowMs: number, options: { storesLater?: boolean } = {}): void {
	const type = request.reportType?.trim() ?? '';
	if (!type) throw inputError(tr`Choose a report type.`);
	if (!REPORT_TYPE_PATTERN.test(type)) {
		throw inputError(tr`"${type}" is not a report type name. Report types look like GET_FBA_REIMBURSEMENTS_DATA (capital letters and underscores).`);
	}
	if (isSettlementReportType(type)) {
		throw inputError(
			tr`${type} is a settlement report: Amazon creates one for every settlement period by itself and refuses requests for it. ` +
				tr`Use "Settlement Report → Get Many" to find the ones Amazon has made, then download one.`,
		);
	}
	if (!request.marketplaceIds?.length && !options.storesLater) throw inputError(tr`Choose at least one marketplace for the report.`);
	if ((request.marketplaceIds?.length ?? 0) > 25) throw inputError(tr`Amazon accepts at most 25 marketplaces per report.`);
	const { dataStartTime: start, dataEndTime: end } = request;
	if (start && start.getTime() > nowMs + FUTURE_TOLERANCE_MS) throw inputError(tr`"Data Start" is in the future: Amazon only reports on the past.`);
	if (end && end.getTime() > nowMs + FUTURE_TOLERANCE_MS) throw inputError(tr`"Data End" is in the future: Amazon only reports on the past.`);
	if (start && end && start.getTime() >= end.getTime()) throw inputError(tr`"Data Start" must be earlier than "Data End".`);
	const maxDays = findReportType(type)?.maxRangeDays;
	if (maxDays && start && end && end.getTime() - start.getTime() > maxDays * 86_400_000) {
		throw inputError(tr`${type} covers at most ${maxDays} days per report; split the range into several reports.`);
	}
	for (const [key, value] of Object.entries(request.reportOptions ?? {})) {
		if (!key.trim()) throw inputError(tr`A report option has an empty name.`);
		if (typeof value !== 'string') throw inputError(tr`Report option "${key}" must be text.`);
	}
}

/** Sends createReport and returns the new report id. Never repeated automatically (core rule for writes). */
export async function createReport(client: SpApiClient, request: CreateReportRequest): Promise<{ reportId: string; response: SpApiResponse<{ reportId?: string }> }> {
	validateCreateRequest(request, client.nowMs());
	const body: Record<string, unknown> = { reportType: request.reportType.trim(), marketplaceIds: request.marketplaceIds };
	if (request.dataStartTime) body.dataStartTime = toUtcIso(request.dataStartTime);
	if (request.dataEndTime) body.dataEndTime = toUtcIso(request.dataEndTime);
	if (request.reportOptions && Object.keys(request.reportOptions).length > 0) body.reportOptions = request.reportOptions;
	const response = await client.call<{ reportId?: string }>('createReport', { body });
	const reportId = response.data?.reportId;
	if (!reportId) throw new ReportError({ kind: 'download', message: tr`Amazon accepted the report request but returned no report id.` });
	return { reportId: String(reportId), response };
}

export async function getReport(client: SpApiClient, reportId: string): Promise<SpApiResponse<AmazonReport>> {
	const id = reportId.trim();
	if (!id) throw inputError(tr`A report ID is needed.`);
	return await client.call<AmazonReport>('getReport', { params: { reportId: id } });
}

/**
 * FATAL → an error saying so in plain words; Amazon's explanation (its error document, often JSON such
 * as {"errorDetails": "…"}) is quoted as plain text and kept raw in `errorDocument`.
 */
async function fatalError(client: SpApiClient, report: AmazonReport, maxChars: number): Promise<ReportError> {
	let errorDocument: string | undefined;
	let unreadable: string | undefined;
	if (report.reportDocumentId) {
		try {
			errorDocument = (await readReportDocumentText(client, report.reportDocumentId, maxChars)).trim();
		} catch (error) {
			unreadable = (error as Error).message;
		}
	}
	const explanation = errorDocument ? plainWords(errorDocument) : '';
	return new ReportError({
		kind: 'fatal',
		reportId: report.reportId,
		reportType: report.reportType,
		reportDocumentId: report.reportDocumentId,
		processingStatus: 'FATAL',
		errorDocument: errorDocument ?? unreadable,
		amazonSaid: explanation || undefined,
		message: explanation
			? tr`Amazon could not create report ${report.reportId} (${report.reportType}): it ended with FATAL.`
			: unreadable
				? tr`Amazon could not create report ${report.reportId} (${report.reportType}): it ended with FATAL, and its error document ${report.reportDocumentId} could not be read.`
				: tr`Amazon could not create report ${report.reportId} (${report.reportType}): it ended with FATAL and gave no explanation.`,
		hint: tr`Check the report type, marketplaces, dates and report options against Amazon's documentation for this report type, then request it again.`,
	});
}

/** Waits for an existing report to finish. */
export async function waitForReport(client: SpApiClient, reportId: string, options: WaitOptions): Promise<ReportOutcome> {
	if (!(options.timeoutMs > 0)) throw inputError(tr`The time to wait for the report must be more than zero.`);
	const sleep = options.sleep ?? ((ms: number) => client.wait(ms, `report ${reportId}`));
	const maxInterval = options.maxIntervalMs ?? DEFAULT_MAX_POLL_MS;
	const growth = options.growth ?? 1.5;
	let interval = Math.min(options.initialIntervalMs ?? DEFAULT_FIRST_POLL_MS, maxInterval);
	const started = client.nowMs();
	for (;;) {
		const { data: report, metadata } = await getReport(client, reportId);
		options.onStatus?.(report);
		switch (report.processingStatus) {
			case 'DONE':
				if (!report.reportDocumentId) {
					throw new ReportError({ kind: 'download', reportId, message: tr`Report ${reportId} is DONE but Amazon named no document to download.` });
				}
				return { status: 'DONE', reportId: report.reportId ?? reportId, reportDocumentId: report.reportDocumentId, report, metadata };
			case 'CANCELLED':
				return { status: 'CANCELLED', reportId: report.reportId ?? reportId, report, metadata };
			case 'FATAL':
				throw await fatalError(client, { ...report, reportId: report.reportId ?? reportId }, options.errorDocumentMaxChars ?? 4000);
		}
		const elapsed = client.nowMs() - started;
		if (elapsed >= options.timeoutMs) {
			const minutes = Math.round((elapsed / 60_000) * 10) / 10;
			throw new ReportError({
				kind: 'timeout',
				reportId,
				reportType: report.reportType,
				processingStatus: report.processingStatus,
				message: tr`Report ${reportId} (${report.reportType}) was still ${report.processingStatus} after ${minutes} minutes, so ACORN stopped waiting. The report keeps running at Amazon: download it later with "Report → Download" and report ID ${reportId} instead of requesting a new one.`,
				hint: tr`Amazon is still building report ${reportId}. Use "Report → Download" with this report ID in a later run, or raise "Timeout".`,
			});
		}
		await sleep(Math.min(interval, options.timeoutMs - elapsed));
		interval = Math.min(Math.round(interval * growth), maxInterval);
	}
}

/** createReport, then waitForReport. */
export async function createAndWaitForReport(client: SpApiClient, request: CreateReportRequest, options: WaitOptions): Promise<ReportOutcome> {
	if (!(options.timeoutMs > 0)) throw inputError(tr`The time to wait for the report must be more than zero.`);
	const { reportId } = await createReport(client, request);
	return await waitForReport(client, reportId, options);
}

/** Cancels a report that is still IN_QUEUE; anything else is explained instead of sent. */
export async function cancelReport(client: SpApiClient, reportId: string): Promise<{ report: AmazonReport; response: SpApiResponse }> {
	const { data: report } = await getReport(client, reportId);
	if (report.processingStatus !== 'IN_QUEUE') {
		const why =
			report.processingStatus === 'IN_PROGRESS'
				? tr`Amazon is already building it, and only reports still waiting in the queue can be cancelled. Let it finish (and ignore it), or wait for it to end.`
				: tr`it has already ended (${report.processingStatus}); there is nothing left to cancel.`;
		throw new ReportError({
			kind: 'input',
			reportId,
			processingStatus: report.processingStatus,
			message: tr`Report ${reportId} cannot be cancelled: ${why}`,
		});
	}
	const response = await client.call('cancelReport', { params: { reportId } });
	return { report, response };
}
