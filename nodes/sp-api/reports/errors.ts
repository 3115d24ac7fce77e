/**
 * Errors of the report pipeline. Each message is a sentence a seller can act on; `toJSON` gives the
 * ids a later run needs (report id, document id) for error items, and never a presigned URL.
 */
export type ReportErrorKind =
	/** bad input found before any call */
	| 'input'
	/** Amazon ended the report with FATAL */
	| 'fatal'
	/** the report did not finish within the time the user allowed */
	| 'timeout'
	/** the document could not be downloaded */
	| 'download'
	/** the document ended early or its compression is broken */
	| 'truncated'
	/** the document could not be decoded or parsed */
	| 'parse';

export interface ReportErrorInit {
	kind: ReportErrorKind;
	message: string;
	hint?: string;
	reportId?: string;
	reportDocumentId?: string;
	reportType?: string;
	processingStatus?: string;
	/** FATAL: the text of Amazon's error document, as Amazon wrote it (raw, for the details). */
	errorDocument?: string;
	/** What Amazon said, when Amazon said something (shown as plain words after "Amazon said:"). */
	amazonSaid?: string;
	/** parse errors: the line where reading stopped. */
	line?: number;
	httpStatus?: number;
	/** rows read before the failure (they are not a complete report). */
	rowsRead?: number;
	cause?: unknown;
}

export class ReportError extends Error {
	readonly kind: ReportErrorKind;
	readonly hint: string;
	readonly reportId?: string;
	readonly reportDocumentId?: string;
	readonly reportType?: string;
	readonly processingStatus?: string;
	readonly errorDocument?: string;
	readonly amazonSaid?: string;
	readonly line?: number;
	readonly httpStatus?: number;
	readonly rowsRead?: number;

	constructor(init: ReportErrorInit) {
		super(init.message);
		this.name = 'ReportError';
		this.kind = init.kind;
		this.hint = init.hint ?? init.message;
		this.reportId = init.reportId;
		this.reportDocumentId = init.reportDocumentId;
		this.reportType = init.reportType;
		this.processingStatus = init.processingStatus;
		this.errorDocument = init.errorDocument;
		this.amazonSaid = init.amazonSaid;
		this.line = init.line;
		this.httpStatus = init.httpStatus;
		this.rowsRead = init.rowsRead;
		if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause;
	}

	toJSON(): Record<string, unknown> {
		const out: Record<string, unknown> = { message: this.message, hint: this.hint, kind: this.kind };
		for (const key of ['reportId', 'reportDocumentId', 'reportType', 'processingStatus', 'errorDocument', 'line', 'httpStatus', 'rowsRead'] as const) {
			if (this[key] !== undefined) out[key] = this[key];
		}
		return out;
	}
}

export function inputError(message: string): ReportError {
	return new ReportError({ kind: 'input', message });
}
