#!/usr/bin/env node
'use strict';
/**
 * `npm run demo`: builds the package (dist/, what n8n loads) and the tools (.build/), then runs the
 * flagship workflow in n8n's engine against the local SP-API emulator (scripts/demo/main.ts).
 *   npm run demo                 summary in English
 *   npm run demo -- --lang zh    summary in Chinese (中文)
 *   npm run demo -- --out <dir>  files somewhere else than ./demo-output
 *   npm run demo -- --no-build   skip the two builds (when dist/ and .build/ are fresh)
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);

function build(script) {
	const started = Date.now();
	process.stderr.write(`[demo] npm run ${script} …`);
	const result = spawnSync('npm', ['run', '--silent', script], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	if (result.error || result.status !== 0) {
		process.stderr.write(' failed\n');
		process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? result.error.message : ''}\n`);
		process.exit(1);
	}
	process.stderr.write(` done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

if (!argv.includes('--no-build')) {
	build('build');
	build('build:tools');
}
require(path.join(REPO_ROOT, '.build', 'scripts', 'demo', 'main.js'))
	.main(argv)
	.then((code) => process.exit(code));
