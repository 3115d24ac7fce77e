'use strict';
/**
 * The browser of the editor test (test/e2e/editor.e2e.ts): Debian's `chromium` package, never a browser
 * downloaded by a test tool (this machine's network refuses those), and a small Chinese font
 * (`fonts-wqy-microhei`): without one, Chinese labels render as empty boxes. Installed with apt-get when
 * missing, which needs root (CI runs as root); anyone else gets a message saying what to install.
 *
 *   node scripts/e2e/chromium.js     # install if needed, print { executablePath, version, installed }
 *
 * $ACORN_E2E_CHROMIUM points at another Chromium/Chrome binary (skips the browser install).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const CHINESE_FONT_PACKAGE = 'fonts-wqy-microhei';
const INSTALL_TIMEOUT_MS = 15 * 60 * 1000;

/**
 * Headless Chromium as root on a closed network: without the background-networking flags Chromium keeps
 * calling Google's hosts and the refused connections slow it down. A fresh --user-data-dir is given by
 * the caller (puppeteer makes one per launch).
 */
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
	'--lang=en-US',
];

function log(message) {
	process.stderr.write(`[chromium] ${message}\n`);
}

function version(executablePath) {
	const result = spawnSync(executablePath, ['--version'], { encoding: 'utf8', timeout: 60_000 });
	return result.status === 0 ? result.stdout.trim() : undefined;
}

function run(command, args) {
	const started = Date.now();
	log(`$ ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, {
		encoding: 'utf8',
		timeout: INSTALL_TIMEOUT_MS,
		maxBuffer: 64 * 1024 * 1024,
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	if (result.error || result.status !== 0) {
		const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
		throw new Error(`"${command} ${args.join(' ')}" failed: ${result.error ? result.error.message : `exit code ${result.status}`}\n${output}`);
	}
	log(`  done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

function hasChineseFont() {
	const result = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 60_000 });
	return result.status === 0 && result.stdout.trim() !== '';
}

/** The Chromium to drive (with a Chinese font): found, or installed from Debian's packages when this process may. */
function ensureChromium() {
	const override = process.env.ACORN_E2E_CHROMIUM;
	let found;
	if (override) {
		const overrideVersion = version(override);
		if (!overrideVersion) throw new Error(`ACORN_E2E_CHROMIUM=${override} does not run (\`${override} --version\` failed).`);
		found = { executablePath: override, version: overrideVersion };
	} else if (fs.existsSync(DEBIAN_CHROMIUM)) {
		const debianVersion = version(DEBIAN_CHROMIUM);
		if (debianVersion) found = { executablePath: DEBIAN_CHROMIUM, version: debianVersion };
	}
	const missing = [...(found ? [] : ['chromium']), ...(found && hasChineseFont() ? [] : [CHINESE_FONT_PACKAGE])];
	if (!missing.length) return { ...found, installed: false };
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
		throw new Error(
			`The editor test needs Debian's ${missing.join(' and ')} and ${missing.length > 1 ? 'they are' : 'it is'} missing. Install once with ` +
				`\`sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}\` (CI runs as root and installs ` +
				'them itself), or set ACORN_E2E_CHROMIUM to a Chromium/Chrome binary.',
		);
	}
	// Waits for another apt/dpkg run to finish instead of failing on its lock.
	const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
	run('apt-get', [...lockWait, 'update']);
	run('apt-get', [...lockWait, 'install', '-y', '--no-install-recommends', ...missing]);
	if (found) return { ...found, installed: true };
	const installed = version(DEBIAN_CHROMIUM);
	if (!installed) throw new Error(`apt-get installed chromium but ${DEBIAN_CHROMIUM} --version does not run`);
	return { executablePath: DEBIAN_CHROMIUM, version: installed, installed: true };
}

module.exports = { ensureChromium, CHROMIUM_FLAGS };

if (require.main === module) {
	try {
		process.stdout.write(`${JSON.stringify(ensureChromium(), null, 2)}\n`);
	} catch (error) {
		process.stderr.write(`[chromium] FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	}
}
