#!/usr/bin/env node
'use strict';
/**
 * Makes sure the servers a test run needs are installed from Debian's packages: `redis-server` (the
 * shared rate-limit tests, the queue-mode benchmark and end-to-end run) and `postgresql` (n8n's queue
 * mode needs Postgres). Installs what is missing with apt-get (`apt-get update` first), which works as
 * root (CI); otherwise it says what to install and exits 1.
 *
 *   node scripts/e2e/debianPackages.js redis-server postgresql
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** The programs each package brings, found on PATH or in Debian's versioned PostgreSQL folder. */
const PROGRAMS = {
	'redis-server': () => onPath('redis-server'),
	postgresql: () => postgresBin('initdb'),
};

function onPath(program) {
	const found = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Debian puts PostgreSQL's server programs in /usr/lib/postgresql/<version>/bin, not on PATH. */
function postgresBin(program) {
	const root = '/usr/lib/postgresql';
	if (fs.existsSync(root)) {
		const versions = fs
			.readdirSync(root)
			.filter((version) => fs.existsSync(path.join(root, version, 'bin', program)))
			.sort((a, b) => Number(b) - Number(a));
		if (versions.length) return path.join(root, versions[0], 'bin', program);
	}
	return onPath(program);
}

function missingPackages(packages) {
	return packages.filter((name) => {
		const find = PROGRAMS[name];
		if (!find) throw new Error(`unknown package ${name}`);
		return !find();
	});
}

function ensureDebianPackages(packages) {
	const missing = missingPackages(packages);
	if (!missing.length) return [];
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot) throw new Error(`missing Debian packages ${missing.join(', ')}: install them (sudo apt-get install ${missing.join(' ')})`);
	process.stderr.write(`[debian] installing ${missing.join(', ')} with apt-get\n`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...missing]]) {
		const result = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env, timeout: 15 * 60 * 1000 });
		if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit code ${result.status})`);
	}
	const still = missingPackages(packages);
	if (still.length) throw new Error(`apt-get did not bring ${still.join(', ')}`);
	return missing;
}

module.exports = { ensureDebianPackages, postgresBin, onPath };

if (require.main === module) {
	try {
		const installed = ensureDebianPackages(process.argv.slice(2));
		process.stderr.write(`[debian] ${installed.length ? `installed ${installed.join(', ')}` : `already there: ${process.argv.slice(2).join(', ')}`}\n`);
	} catch (error) {
		process.stderr.write(`[debian] ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	}
}
