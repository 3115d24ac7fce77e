/**
 * What a failed report download means for the notification (try again later or pass it on), the backoff,
 * and the shared download settings the Reports node and the Notifications trigger both read.
 */
import { SpApiError, type SpApiErrorKind } from '../../nodes/sp-api/errors';
import { downloadSettingsFrom } from '../../nodes/sp-api/n8n/reportOutput';
import { findMarketplace } from '../../nodes/sp-api/marketplaces';
import { getOperation } from '../../nodes/sp-api/operations';
import {
	decideAfterFailure,
	DEFAULT_DOWNLOAD_RETRY,
	finishedReportOf,
	judgeDownloadFailure,
	retryDelaySeconds,
} from '../../nodes/sp-api/notifications/reportDownload';
import { ReportError, type ReportErrorKind } from '../../nodes/sp-api/reports';
import { NetworkError } from '../../nodes/sp-api/transport';

const spApiError = (kind: SpApiErrorKind, httpStatus?: number) =>
	new SpApiError({ kind, operation: getOperation('getReportDocument'), message: `failed (${kind} ${httpStatus ?? ''})`, hint: `hint for ${kind}`, httpStatus });
const reportError = (kind: ReportErrorKind, httpStatus?: number) => new ReportError({ kind, message: `report ${kind}`, hint: 'Run the node again.', reportDocumentId: 'doc-1', httpStatus });

describe('report download failures in the Notifications trigger', () => {
	it('backs off 30 s, 1, 2, 4, 8 minutes, then every 15 minutes', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelaySeconds(n))).toEqual([30, 60, 120, 240, 480, 900, 900, 900, 900]);
		expect(retryDelaySeconds(0)).toBe(30);
		expect(retryDelaySeconds(Number.NaN)).toBe(30);
		expect(DEFAULT_DOWNLOAD_RETRY.maxAttempts).toBe(8);
		const total = [1, 2, 3, 4, 5, 6, 7].reduce((sum, n) => sum + retryDelaySeconds(n), 0);
		expect(total).toBe(2730); // about 45 minutes between the first and the last attempt
	});

	it.each([
		{ name: 'SP-API 500', make: () => spApiError('http', 500), transient: true },
		{ name: 'SP-API 503', make: () => spApiError('http', 503), transient: true },
		{ name: 'SP-API 429 after the retries', make: () => spApiError('rateLimited', 429), transient: true },
		{ name: 'SP-API no answer', make: () => spApiError('network'), transient: true },
		{ name: 'Login with Amazon 503', make: () => spApiError('auth', 503), transient: true },
		{ name: 'SP-API 403 (role missing)', make: () => spApiError('http', 403), transient: false },
		{ name: 'SP-API 404', make: () => spApiError('http', 404), transient: false },
		{ name: 'SP-API 400', make: () => spApiError('http', 400), transient: false },
		{ name: 'Login with Amazon refused the refresh token', make: () => spApiError('auth', 400), transient: false },
		{ name: 'input checked before the call', make: () => spApiError('validation'), transient: false },
		{ name: 'download cut off', make: () => reportError('truncated'), transient: true },
		{ name: 'storage 503', make: () => reportError('download', 503), transient: true },
		{ name: 'storage: address expired again', make: () => reportError('download', 403), transient: true },
		{ name: 'storage unreachable', make: () => reportError('download'), transient: true },
		{ name: 'storage 404 (document gone)', make: () => reportError('download', 404), transient: false },
		{ name: 'unreadable file', make: () => reportError('parse'), transient: false },
		{ name: 'unknown charset', make: () => reportError('input'), transient: false },
		{ name: 'connection reset', make: () => new NetworkError('reset', 'ECONNRESET', 'https://example.com/doc?X-Amz-Signature=abc', 'The connection to example.com was closed before an answer arrived.'), transient: true },
		{ name: 'something unexpected', make: () => new Error('disk full'), transient: true },
	])('$name → transient: $transient', ({ make, transient }) => {
		expect(judgeDownloadFailure(make()).transient).toBe(transient);
	});

	it('says what went wrong in words a seller reads, without node advice or the download address', () => {
		expect(judgeDownloadFailure(spApiError('http', 403)).reason).toBe('hint for http');
		expect(judgeDownloadFailure(reportError('truncated')).reason).toBe('report truncated');
		const network = judgeDownloadFailure(new NetworkError('reset', 'ECONNRESET', 'https://example.com/doc?X-Amz-Signature=abc', 'The connection to example.com was closed before an answer arrived.'));
		expect(JSON.stringify(network)).not.toContain('X-Amz-Signature');
		expect(judgeDownloadFailure(reportError('download', 503)).summary).toMatchObject({ kind: 'download', httpStatus: 503, reportDocumentId: 'doc-1' });
	});

	it('tries a transient failure again until the last attempt, then passes the notification on; a permanent one at once', () => {
		expect(decideAfterFailure(reportError('truncated'), 1)).toMatchObject({ action: 'retry', seconds: 30, attempt: 1 });
		expect(decideAfterFailure(reportError('truncated'), 3)).toMatchObject({ action: 'retry', seconds: 120, attempt: 3 });
		expect(decideAfterFailure(reportError('truncated'), 7)).toMatchObject({ action: 'retry', seconds: 900 });
		expect(decideAfterFailure(reportError('truncated'), 8)).toMatchObject({ action: 'passOn', attempt: 8 });
		expect(decideAfterFailure(reportError('truncated'), undefined)).toMatchObject({ action: 'retry', attempt: 1 });
		expect(decideAfterFailure(spApiError('http', 403), 1)).toMatchObject({ action: 'passOn', attempt: 1, failure: { transient: false } });
		expect(decideAfterFailure(reportError('truncated'), 2, { firstSeconds: 5, maxSeconds: 8, maxAttempts: 3 })).toMatchObject({ action: 'retry', seconds: 8 });
	});

	it('reads the report fields of a REPORT_PROCESSING_FINISHED item', () => {
		expect(finishedReportOf({ reportId: ' 42 ', reportType: 'GET_X', processingStatus: 'done', reportDocumentId: 'amzn1.spdoc.1' })).toEqual({
			reportId: '42',
			reportType: 'GET_X',
			processingStatus: 'DONE',
			reportDocumentId: 'amzn1.spdoc.1',
		});
		expect(finishedReportOf({ reportId: 42, processingStatus: '' })).toEqual({ reportId: undefined, reportType: undefined, processingStatus: undefined, reportDocumentId: undefined });
	});
});

describe('download settings shared by the Reports node and the trigger', () => {
	it('turns the fields into settings; File ignores the row limit; bad limits are refused before any call', () => {
		const de = findMarketplace('DE');
		expect(downloadSettingsFrom({}, 'GET_X', de)).toEqual({
			output: 'items',
			includeResponseMetadata: false,
			limit: undefined,
			binaryPropertyName: 'data',
			rowOptions: { format: 'auto', reportType: 'GET_X', marketplace: de, typed: false, onMalformed: 'flag', charset: undefined, skipLines: undefined, xmlRecordElement: undefined },
		});
		const set = downloadSettingsFrom(
			{ output: 'both', returnAll: false, limit: 5, binaryPropertyName: ' file ', options: { includeResponseMetadata: true, typedValues: true, onMalformed: 'error', format: 'tsv', charset: ' windows-1252 ', skipLines: 2, xmlRecordElement: ' Order ' } },
			undefined,
			undefined,
		);
		expect(set).toMatchObject({ output: 'both', limit: 5, binaryPropertyName: 'file', includeResponseMetadata: true, rowOptions: { format: 'tsv', typed: true, onMalformed: 'error', charset: 'windows-1252', skipLines: 2, xmlRecordElement: 'Order' } });
		expect(downloadSettingsFrom({ output: 'binary', returnAll: false, limit: 0 }, undefined, undefined).limit).toBeUndefined();
		expect(() => downloadSettingsFrom({ returnAll: false, limit: 0 }, undefined, undefined)).toThrow('"Limit" must be a number above zero.');
		expect(() => downloadSettingsFrom({ returnAll: false, limit: 'ten' }, undefined, undefined)).toThrow('"Limit" must be a number above zero.');
	});
});
