#!/usr/bin/env node
'use strict';
/**
 * `npm run screenshots`: regenerates the README's editor screenshots (docs/screenshots/*.png) from a real
 * n8n in headless Chromium: the editor test of the end-to-end run (test/e2e/editor.e2e.ts) with
 * ACORN_DOCS_SCREENSHOTS=1, which copies the README's pictures there. Everything else it saves stays in
 * test-output/editor-screenshots. Fails when a README picture was not rewritten.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DOCS_SCREENSHOT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
/** The pictures README.md and README.zh-CN.md show (the editor test takes them; names without .png). */
const README_SCREENSHOTS = ['refunds-node-en', 'refunds-node-zh-CN', 'get-refunds-output', 'node-panel-search-zh-CN'];

module.exports = { README_SCREENSHOTS, DOCS_SCREENSHOT_DIR };

if (require.main === module) {
	const started = Date.now();
	const result = spawnSync(process.execPath, [path.join(__dirname, 'run.js'), '--testPathPatterns', 'editor\\.e2e', ...process.argv.slice(2)], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
		env: { ...process.env, ACORN_DOCS_SCREENSHOTS: '1' },
	});
	const stale = README_SCREENSHOTS.filter((name) => {
		const file = path.join(DOCS_SCREENSHOT_DIR, `${name}.png`);
		return !fs.existsSync(file) || fs.statSync(file).mtimeMs < started;
	});
	for (const name of README_SCREENSHOTS) {
		const file = path.join(DOCS_SCREENSHOT_DIR, `${name}.png`);
		if (!stale.includes(name)) process.stderr.write(`[screenshots] ${path.relative(REPO_ROOT, file)}: ${fs.statSync(file).size} bytes\n`);
	}
	if (stale.length) {
		process.stderr.write(`[screenshots] NOT rewritten: ${stale.join(', ')} (see the editor test's output above)\n`);
		process.exitCode = 1;
	} else if (result.status !== 0) {
		process.stderr.write('[screenshots] every README picture was rewritten, but some editor checks failed (above): look at the pictures before committing them\n');
		process.exitCode = result.status ?? 1;
	}
}
