/**
 * Benchmarks measure each contender in a fresh Node process (its own memory peak, no warm caches from
 * the others): the child is this same script started with `--child <config JSON>`, and it prints its
 * result as JSON on its last line of output.
 */
import { spawn } from 'node:child_process';

export function runBenchChild<Config extends { mode: string }, Result>(script: string, config: Config, env: NodeJS.ProcessEnv = {}): Promise<Result> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [script, '--child', JSON.stringify(config)], {
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => {
			const last = out.trim().split('\n').pop() ?? '';
			if (code !== 0) return reject(new Error(`${config.mode} child exited with ${code}: ${out.slice(-500)}`));
			resolve(JSON.parse(last) as Result);
		});
	});
}

/**
 * The entry of a benchmark script: as a child (`--child <config>`) it runs `child` and prints its result
 * as the last line; otherwise it runs `main`, the parent that starts the children.
 */
export function benchEntry<Config, Result>(child: (config: Config) => Promise<Result>, main: () => Promise<void>): void {
	const fail = (error: unknown) => {
		console.error(error);
		process.exit(1);
	};
	if (process.argv[2] === '--child') {
		child(JSON.parse(process.argv[3]) as Config)
			.then((result) => {
				process.stdout.write(`\n${JSON.stringify(result)}\n`);
				process.exit(0);
			})
			.catch(fail);
	} else {
		main().catch(fail);
	}
}
