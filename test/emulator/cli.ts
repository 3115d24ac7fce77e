/**
 * Runs the emulator until SIGINT/SIGTERM and prints its URLs and the credential data of every fixture
 * seller as JSON (paste into n8n, or read with the control API at /_emulator/fixtures).
 *
 *   node .build/test/emulator/cli.js [--port N] [--time-scale X] [--seed S] [--no-rate-limits]
 *                                    [--now ISO] [--empty-page-every N] [--queue-time-scale X]
 *                                    [--report-processing-ms N]
 *
 * The emulated SQS listens on its own port (printed as sqsEndpoint); create queues with
 * POST /_emulator/sqs/queues {"name": "..."} — the answer includes the n8n credential data.
 */
import { SELLER_FIXTURE_KEYS } from './fixtures';
import { startEmulator } from './index';
import type { EmulatorOptions } from './types';

function parseArgs(argv: string[]): EmulatorOptions {
	const options: EmulatorOptions = {};
	const number = (flag: string, value: string | undefined): number => {
		const parsed = Number(value);
		if (value === undefined || !Number.isFinite(parsed)) throw new Error(`${flag} needs a number`);
		return parsed;
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		switch (flag) {
			case '--port':
				options.port = number(flag, argv[++i]);
				break;
			case '--time-scale':
				options.timeScale = number(flag, argv[++i]);
				break;
			case '--seed':
				options.seed = number(flag, argv[++i]);
				break;
			case '--now':
				options.now = argv[++i];
				break;
			case '--empty-page-every':
				options.emptyPageEvery = number(flag, argv[++i]);
				break;
			case '--queue-time-scale':
				options.queueTimeScale = number(flag, argv[++i]);
				break;
			case '--report-processing-ms':
				options.reportProcessingMs = number(flag, argv[++i]);
				break;
			case '--no-rate-limits':
				options.enforceRateLimits = false;
				break;
			default:
				throw new Error(`unknown option ${flag}`);
		}
	}
	return options;
}

async function main(): Promise<void> {
	const emulator = await startEmulator(parseArgs(process.argv.slice(2)));
	const credentials = Object.fromEntries(SELLER_FIXTURE_KEYS.map((key) => [key, emulator.credentialsFor(key)]));
	process.stdout.write(
		`${JSON.stringify({ url: emulator.url, lwaTokenUrl: emulator.lwaTokenUrl, endpointTemplate: emulator.endpointTemplate, sqsEndpoint: emulator.control.sqs.url, credentials }, null, 2)}\n`,
	);
	const stop = (): void => {
		void emulator.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`SP-API emulator: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
