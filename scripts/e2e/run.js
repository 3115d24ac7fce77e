#!/usr/bin/env node
'use strict';
/**
 * `npm run test:e2e`: ACORN inside a real n8n, end to end.
 *   1. a pinned n8n on Node 24 from the cache (installed on first use: scripts/e2e/n8nInstall.js),
 *   2. `npm run build`, then `npm pack` (the tarball n8n users would install),
 *   3. jest with jest.e2e.config.js (test/e2e/*.e2e.ts): installs the tarball into a fresh n8n user
 *      folder like a community package, imports credentials and every examples/*.json, runs each with
 *      `n8n execute --id` against the emulator and local stand-ins, and checks the results.
 * Extra arguments go to jest (e.g. `npm run test:e2e -- -t dingtalk`). Prints the time of each step.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureN8n } = require('./n8nInstall');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const timings = [];

function step(name, fn) {
	const started = Date.now();
	process.stderr.write(`\n[test:e2e] ${name}\n`);
	const result = fn();
	timings.push([name, (Date.now() - started) / 1000]);
	return result;
}

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit', timeout: 20 * 60 * 1000, ...options });
	if (result.error) throw result.error;
	return result;
}

function summary(exitCode) {
	const total = timings.reduce((sum, [, seconds]) => sum + seconds, 0);
	process.stderr.write('\n[test:e2e] timings\n');
	for (const [name, seconds] of timings) process.stderr.write(`  ${seconds.toFixed(1).padStart(7)} s  ${name}\n`);
	process.stderr.write(`  ${total.toFixed(1).padStart(7)} s  total (exit code ${exitCode})\n`);
}

function main() {
	const runtime = step('n8n runtime (cache: .cache/n8n-e2e)', () => ensureN8n());
	process.stderr.write(
		`[test:e2e] n8n ${runtime.n8nVersion} on Node ${runtime.nodeVersion}: ${runtime.cached ? 'from cache' : `installed in ${runtime.installSeconds}s`}\n`,
	);
	step('npm run build', () => {
		const result = run('npm', ['run', '--silent', 'build']);
		if (result.status !== 0) throw new Error(`npm run build failed (exit code ${result.status})`);
	});
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-e2e-pack-'));
	try {
		const tarball = step('npm pack', () => {
			const result = run('npm', ['pack', '--json', '--pack-destination', packDir], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
			if (result.status !== 0) throw new Error(`npm pack failed (exit code ${result.status})`);
			const [info] = JSON.parse(result.stdout);
			process.stderr.write(`[test:e2e] ${info.filename}: ${info.size} bytes, ${info.entryCount} files\n`);
			return path.join(packDir, info.filename);
		});
		const jest = step('jest -c jest.e2e.config.js (real n8n)', () =>
			run(process.execPath, [require.resolve('jest/bin/jest'), '-c', 'jest.e2e.config.js', ...process.argv.slice(2)], {
				env: {
					...process.env,
					ACORN_E2E_N8N_RUNTIME: JSON.stringify(runtime),
					ACORN_E2E_TARBALL: tarball,
				},
			}),
		);
		const code = jest.status ?? 1;
		summary(code);
		return code;
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

try {
	process.exitCode = main();
} catch (error) {
	process.stderr.write(`[test:e2e] FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
	summary(1);
	process.exitCode = 1;
}
