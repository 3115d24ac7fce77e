import type { Logger } from 'n8n-workflow';
import type { CoreLogger } from '../client';
import { redact, redactDeep } from '../redact';

/** The core's logger plus `info`, for long-running parts (trigger loops) that report recoveries. */
export interface RedactingLogger extends CoreLogger {
	info(message: string, meta?: Record<string, unknown>): void;
}

/** n8n's logger with every message and field passed through the redactor first. */
export function redactingLogger(logger: Logger | undefined): RedactingLogger | undefined {
	if (!logger) return undefined;
	return {
		debug: (message, meta) => logger.debug(redact(message), meta ? redactDeep(meta) : undefined),
		info: (message, meta) => logger.info(redact(message), meta ? redactDeep(meta) : undefined),
		warn: (message, meta) => logger.warn(redact(message), meta ? redactDeep(meta) : undefined),
	};
}
