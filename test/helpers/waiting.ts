/** Waiting helpers for tests that watch asynchronous work (queues, triggers, pollers) from outside. */

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every `everyMs` until it holds; fails with `what` in the message after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 3000, what = 'condition', everyMs = 10): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(everyMs);
	}
}

export interface LoggedLine {
	level: string;
	message: string;
}

/** A logger that keeps what it was told, to check that logs are quiet and free of secrets. */
export function recordingLogger(): {
	logs: LoggedLine[];
	logger: { debug: (m: string) => void; info: (m: string) => void; warn: (m: string) => void };
} {
	const logs: LoggedLine[] = [];
	return {
		logs,
		logger: {
			debug: (message) => logs.push({ level: 'debug', message }),
			info: (message) => logs.push({ level: 'info', message }),
			warn: (message) => logs.push({ level: 'warn', message }),
		},
	};
}

/** `until` for a check that has to ask something (an HTTP server, a browser page) each time. */
export async function untilResolved(check: () => Promise<boolean>, timeoutMs = 3000, what = 'condition', everyMs = 100): Promise<void> {
	const started = Date.now();
	while (!(await check())) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(everyMs);
	}
}
