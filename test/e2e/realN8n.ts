/**
 * Drives a real n8n (the pinned install made by scripts/e2e/n8nInstall.js) from the command line:
 * its own user folder and SQLite database, ACORN installed from the `npm pack` tarball exactly the
 * way n8n 2.41 installs a community package, credentials and workflows imported with
 * `n8n import:*`, workflows run with `n8n execute --id`. Several instances can run side by side
 * (distinct user folders and task-runner broker ports).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { IRun } from 'n8n-workflow';
import { freePort } from '../helpers/ports';

export const PACKAGE_NAME = 'n8n-nodes-acorn';

/** What scripts/e2e/n8nInstall.js `ensureN8n()` returns. */
export interface N8nRuntime {
	nodeBin: string;
	nodeDir: string;
	n8nBin: string;
	n8nVersion: string;
	nodeVersion: string;
}

export interface CommandResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	seconds: number;
	timedOut: boolean;
}

export interface CredentialToImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface ExecutionResult extends CommandResult {
	/** The run as n8n printed it (undefined when n8n printed no run). */
	run?: IRun;
}

/** The runtime from the environment (set by scripts/e2e/run.js), else the install script is asked. */
export function runtimeFromEnvironment(): N8nRuntime {
	const raw = process.env.ACORN_E2E_N8N_RUNTIME;
	if (raw) return JSON.parse(raw) as N8nRuntime;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { ensureN8n } = require('../../scripts/e2e/n8nInstall.js') as { ensureN8n: () => N8nRuntime };
	return ensureN8n();
}

/** Runs a command; kills its whole process group (n8n starts task runners) when the time is up. */
export async function runCommand(
	command: string,
	args: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CommandResult> {
	const started = Date.now();
	return await new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
		let timedOut = false;
		const killGroup = (): void => {
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		};
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup();
		}, options.timeoutMs);
		child.once('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.once('close', (code, signal) => {
			clearTimeout(timer);
			// Leftover task runners of this command must not outlive it.
			killGroup();
			resolve({
				code,
				signal,
				stdout: Buffer.concat(stdout).toString('utf8'),
				stderr: Buffer.concat(stderr).toString('utf8'),
				seconds: (Date.now() - started) / 1000,
				timedOut,
			});
		});
	});
}

/**
 * `n8n execute` prints a few log lines, then the run as pretty-printed JSON (on failure through the
 * logger, after "Execution error:"). The run is the last top-level `{ … }` block.
 */
export function parseExecutionOutput(output: string): IRun | undefined {
	const lines = output.split('\n');
	for (let end = lines.length - 1; end >= 0; end--) {
		if (lines[end].trimEnd() !== '}') continue;
		for (let start = end; start >= 0; start--) {
			if (lines[start].trimEnd() !== '{') continue;
			try {
				const parsed = JSON.parse(lines.slice(start, end + 1).join('\n')) as IRun;
				if (parsed && typeof parsed === 'object' && 'data' in parsed) return parsed;
			} catch {
				// not the block we want; keep looking further up
			}
		}
		return undefined;
	}
	return undefined;
}

/** One readable paragraph per failing node (name, type, message, description, HTTP code). */
export function describeRunErrors(run: IRun | undefined): string[] {
	if (!run) return [];
	const lines: string[] = [];
	const runData = run.data?.resultData?.runData ?? {};
	for (const [nodeName, tasks] of Object.entries(runData)) {
		for (const task of tasks ?? []) {
			const error = task.error as (Error & { description?: string; httpCode?: string; node?: { type?: string } }) | undefined;
			if (!error) continue;
			lines.push(
				[`node "${nodeName}"${error.node?.type ? ` (${error.node.type})` : ''}: ${error.message}`, error.description && `  ${error.description}`, error.httpCode && `  HTTP ${error.httpCode}`]
					.filter(Boolean)
					.join('\n'),
			);
		}
	}
	const top = run.data?.resultData?.error as (Error & { node?: { name?: string } }) | undefined;
	if (top && !lines.length) lines.push(`workflow error${top.node?.name ? ` in node "${top.node.name}"` : ''}: ${top.message}`);
	return lines;
}

export interface RealN8nOptions {
	runtime: N8nRuntime;
	/** The `npm pack` tarball of ACORN. */
	tarball: string;
	/** Extra environment for every n8n command (proxy, CA file, …). */
	env?: NodeJS.ProcessEnv;
	/** Keep the user folder after dispose (for debugging). */
	keep?: boolean;
}

export interface RunningN8n {
	url: string;
	/** Seconds until /healthz answered. */
	seconds: number;
	output(): string;
	/** SIGTERM to n8n and its task runners, SIGKILL after 20 s. */
	stop(): Promise<void>;
	/** SIGKILL to n8n and its task runners at once (a crashed or evicted worker). */
	kill(): Promise<void>;
	pid?: number;
}

export class RealN8n {
	private constructor(
		readonly runtime: N8nRuntime,
		readonly userFolder: string,
		private readonly env: NodeJS.ProcessEnv,
		private readonly keep: boolean,
	) {}

	/** Creates a user folder and installs ACORN into it like n8n's community package installer. */
	static async create(options: RealN8nOptions): Promise<RealN8n> {
		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-real-n8n-'));
		const brokerPort = await freePort();
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PATH: `${path.dirname(options.runtime.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: userFolder,
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			// Loopback (the emulator, the task runner broker) never goes through a proxy.
			NO_PROXY: '127.0.0.1,localhost,::1',
			no_proxy: '127.0.0.1,localhost,::1',
			...options.env,
		};
		// jest sets NODE_ENV=test, which silences n8n's CLI output (the run JSON included).
		delete env.NODE_ENV;
		for (const key of Object.keys(env)) if (env[key] === undefined || key.startsWith('JEST_')) delete env[key];
		const instance = new RealN8n(options.runtime, userFolder, env, options.keep ?? false);
		await instance.installPackage(options.tarball);
		return instance;
	}

	/**
	 * n8n 2.41's CommunityPackagesService.downloadPackage, with the tarball from `npm pack` instead of
	 * the registry: unpack into nodes/node_modules/<name>, drop dev/peer/optional dependencies from its
	 * package.json, `npm install` its runtime dependencies there with n8n's flags, record it in
	 * nodes/package.json.
	 */
	private async installPackage(tarball: string): Promise<void> {
		const nodesFolder = path.join(this.userFolder, '.n8n', 'nodes');
		const packageDir = path.join(nodesFolder, 'node_modules', PACKAGE_NAME);
		fs.mkdirSync(packageDir, { recursive: true });
		await this.checked('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], { cwd: nodesFolder, timeoutMs: 60_000 });
		const packageJsonPath = path.join(packageDir, 'package.json');
		const { devDependencies: _dev, peerDependencies: _peer, optionalDependencies: _optional, ...packageJson } = JSON.parse(
			fs.readFileSync(packageJsonPath, 'utf8'),
		) as Record<string, unknown>;
		fs.writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2));
		await this.checked(
			'npm',
			['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--prefer-offline'],
			{ cwd: packageDir, timeoutMs: 180_000 },
		);
		fs.writeFileSync(
			path.join(nodesFolder, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: packageJson.version } }, null, 2),
		);
	}

	private async checked(command: string, args: string[], options: { cwd: string; timeoutMs: number }): Promise<CommandResult> {
		const result = await runCommand(command, args, { ...options, env: this.env });
		if (result.code !== 0) {
			const why = result.timedOut ? `timed out after ${options.timeoutMs / 1000}s` : `exit code ${result.code}`;
			throw new Error(`${command} ${args.join(' ')} failed (${why}):\n${tail(result.stdout)}\n${tail(result.stderr)}`);
		}
		return result;
	}

	/** Runs the n8n CLI with Node 24. */
	async n8n(args: string[], timeoutMs = 120_000): Promise<CommandResult> {
		return await runCommand(this.runtime.nodeBin, [this.runtime.n8nBin, ...args], { cwd: this.userFolder, env: this.env, timeoutMs });
	}

	private async n8nChecked(args: string[], timeoutMs = 120_000): Promise<CommandResult> {
		const result = await this.n8n(args, timeoutMs);
		if (result.code !== 0) {
			const why = result.timedOut ? `timed out after ${timeoutMs / 1000}s` : `exit code ${result.code}`;
			throw new Error(`n8n ${args.join(' ')} failed (${why}):\n${tail(result.stdout)}\n${tail(result.stderr)}`);
		}
		return result;
	}

	/** `n8n import:credentials` takes decrypted data and encrypts it with this instance's key. */
	async importCredentials(credentials: CredentialToImport[]): Promise<void> {
		const file = path.join(this.userFolder, 'credentials-to-import.json');
		fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
		try {
			await this.n8nChecked([`import:credentials`, `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** Imports workflows (each needs an `id` of at most 21 characters). */
	async importWorkflows(workflows: Array<Record<string, unknown>>): Promise<void> {
		const dir = fs.mkdtempSync(path.join(this.userFolder, 'workflows-'));
		workflows.forEach((workflow, index) => fs.writeFileSync(path.join(dir, `${index}.json`), JSON.stringify(workflow)));
		await this.n8nChecked([`import:workflow`, `--separate`, `--input=${dir}`]);
	}

	/** `n8n execute --id`: exit code, output, and the run it printed. */
	async execute(workflowId: string, timeoutMs = 120_000): Promise<ExecutionResult> {
		const result = await this.n8n([`execute`, `--id=${workflowId}`, `--rawOutput`], timeoutMs);
		return { ...result, run: parseExecutionOutput(`${result.stdout}\n${result.stderr}`) };
	}

	/** `n8n publish:workflow`: the workflow becomes active the next time n8n starts. */
	async publishWorkflow(workflowId: string): Promise<void> {
		await this.n8nChecked([`publish:workflow`, `--id=${workflowId}`]);
	}

	/** `n8n unpublish:workflow`: the workflow is no longer activated when n8n starts. */
	async unpublishWorkflow(workflowId: string): Promise<void> {
		await this.n8nChecked([`unpublish:workflow`, `--id=${workflowId}`]);
	}

	/**
	 * `n8n start` on a free loopback port, for workflows that Amazon starts (triggers): resolves once the
	 * server answers /healthz. n8n activates the published workflows while it starts.
	 */
	async start(timeoutMs = 120_000, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningN8n> {
		const port = await freePort();
		return await this.launch(['start'], { ...extraEnv, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_HOST: '127.0.0.1' }, `http://127.0.0.1:${port}`, timeoutMs);
	}

	/**
	 * `n8n worker` (queue mode): executes the jobs main puts on the Redis queue. Resolves once its health
	 * server (its own port on 127.0.0.1) answers /healthz/readiness, i.e. it reaches the database and Redis.
	 */
	async worker(concurrency: number, timeoutMs = 120_000, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningN8n> {
		const port = await freePort();
		const env = { ...extraEnv, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' };
		return await this.launch(['worker', `--concurrency=${concurrency}`], env, `http://127.0.0.1:${port}`, timeoutMs, '/healthz/readiness');
	}

	private async launch(args: string[], extraEnv: NodeJS.ProcessEnv, url: string, timeoutMs: number, healthPath = '/healthz'): Promise<RunningN8n> {
		const started = Date.now();
		const child = spawn(this.runtime.nodeBin, [this.runtime.n8nBin, ...args], {
			cwd: this.userFolder,
			env: { ...this.env, ...extraEnv },
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
		let exited: number | null | undefined;
		child.once('exit', (code) => (exited = code));
		const killGroup = (signal: NodeJS.Signals) => {
			try {
				if (child.pid) process.kill(-child.pid, signal);
			} catch {
				// already gone
			}
		};
		const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		const stop = async () => {
			if (exited !== undefined) return;
			killGroup('SIGTERM');
			const timer = setTimeout(() => killGroup('SIGKILL'), 20_000);
			await gone;
			clearTimeout(timer);
			killGroup('SIGKILL');
		};
		const kill = async () => {
			if (exited === undefined) killGroup('SIGKILL');
			await gone;
		};
		for (;;) {
			if (exited !== undefined) throw new Error(`n8n ${args.join(' ')} exited with code ${exited}:\n${tail(output)}`);
			if (Date.now() - started > timeoutMs) {
				await stop();
				throw new Error(`n8n ${args.join(' ')} did not answer on ${url}${healthPath} within ${timeoutMs / 1000}s:\n${tail(output)}`);
			}
			const healthy = await fetch(`${url}${healthPath}`).then(
				(response) => response.ok,
				() => false,
			);
			if (healthy) break;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		return { url, seconds: (Date.now() - started) / 1000, output: () => output, stop, kill, pid: child.pid };
	}

	async dispose(): Promise<void> {
		if (!this.keep) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

export function tail(text: string, lines = 40): string {
	return text.trim().split('\n').slice(-lines).join('\n');
}
