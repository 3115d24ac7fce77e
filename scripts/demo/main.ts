/**
 * `npm run demo [-- --lang zh] [-- --out <folder>]`: runs the flagship workflow against the emulator
 * (scripts/demo/flagship.ts) and prints the summary. Exit code 0 on success, 1 with the reason otherwise.
 */
import * as path from 'node:path';
import { DemoError, runFlagshipDemo } from './flagship';
import { formatSummary, type SummaryLanguage } from './summary';

export interface DemoArguments {
	language: SummaryLanguage;
	outputDir: string;
	quiet: boolean;
}

export function parseDemoArguments(argv: readonly string[], cwd = process.cwd()): DemoArguments {
	const args: DemoArguments = { language: 'en', outputDir: path.resolve(cwd, 'demo-output'), quiet: false };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = (): string => {
			const next = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
			if (!next) throw new DemoError(`${arg.split('=')[0]} needs a value`);
			return next;
		};
		if (arg === '--zh' || arg === '--chinese') args.language = 'zh';
		else if (arg.startsWith('--lang')) {
			const language = value().toLowerCase();
			if (!['en', 'zh', 'zh-cn', 'cn'].includes(language)) throw new DemoError(`--lang must be en or zh, not ${language}`);
			args.language = language === 'en' ? 'en' : 'zh';
		} else if (arg.startsWith('--out')) args.outputDir = path.resolve(cwd, value());
		else if (arg === '--quiet') args.quiet = true;
		else if (arg !== '--no-build') throw new DemoError(`unknown option ${arg} (use --lang zh, --out <folder>)`);
	}
	return args;
}

export async function main(argv: readonly string[]): Promise<number> {
	let args: DemoArguments;
	try {
		args = parseDemoArguments(argv);
	} catch (error) {
		process.stderr.write(`${(error as Error).message}\n`);
		return 2;
	}
	const progress = args.quiet ? undefined : (line: string) => process.stderr.write(`[demo] ${line}\n`);
	try {
		const demo = await runFlagshipDemo({ outputDir: args.outputDir, progress });
		await demo.close();
		process.stdout.write(`\n${formatSummary(demo.summary, args.language)}\n`);
		return 0;
	} catch (error) {
		const message = error instanceof DemoError ? error.message : (error as Error).stack ?? String(error);
		process.stderr.write(`${args.language === 'zh' ? '演示失败' : 'The demo failed'}: ${message}\n`);
		return 1;
	}
}
