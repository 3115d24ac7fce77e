import type { Logger } from 'n8n-workflow';
import type { CoreLogger } from '../client';
import { redact, redactDeep } from '../redact';

/** n8n's logger with every message and field passed through the redactor first. */
export function redactingLogger(logger: Logger | undefined): CoreLogger | undefined {
	if (!logger) return undefined;
	return {
		debug: (message, meta) => logger.debug(redact(message), meta ? redactDeep(meta) : undefined),
		warn: (message, meta) => logger.warn(redact(message), meta ? redactDeep(meta) : undefined),
	};
}
