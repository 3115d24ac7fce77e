/**
 * A throw-away PostgreSQL on 127.0.0.1 for n8n's queue mode (which does not run on SQLite): Debian's
 * `postgresql` package, initdb into a temp folder, pg_ctl start on a free port, trust authentication for
 * the `postgres` user. PostgreSQL refuses to run as root, so under root (CI) its programs run as the
 * unprivileged user `nobody` via runuser.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../helpers/ports';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { postgresBin } = require('../../../scripts/e2e/debianPackages.js') as { postgresBin: (program: string) => string | undefined };

const RUN_AS = 'nobody';

export class PostgresServer {
	private constructor(
		readonly port: number,
		private readonly dir: string,
	) {}

	get dataDir(): string {
		return path.join(this.dir, 'data');
	}

	/** n8n's settings for this database. */
	get n8nEnv(): NodeJS.ProcessEnv {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
		};
	}

	static async start(): Promise<PostgresServer> {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-pg-'));
		const server = new PostgresServer(await freePort(), dir);
		const asRoot = process.getuid?.() === 0;
		if (asRoot) spawnSync('chown', ['-R', `${RUN_AS}:`, dir]);
		server.run('initdb', ['-D', server.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], 120_000);
		server.run(
			'pg_ctl',
			['-D', server.dataDir, '-l', path.join(dir, 'postgres.log'), '-w', '-t', '60', '-o', `-p ${server.port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`, 'start'],
			90_000,
		);
		return server;
	}

	private run(program: string, args: string[], timeoutMs: number): void {
		const bin = postgresBin(program);
		if (!bin) throw new Error(`${program} not found: install Debian's postgresql package`);
		const asRoot = process.getuid?.() === 0;
		const [command, fullArgs] = asRoot ? ['runuser', ['-u', RUN_AS, '--', bin, ...args]] : [bin, args];
		const result = spawnSync(command, fullArgs, { cwd: this.dir, encoding: 'utf8', timeout: timeoutMs });
		if (result.status !== 0) {
			const log = fs.existsSync(path.join(this.dir, 'postgres.log')) ? fs.readFileSync(path.join(this.dir, 'postgres.log'), 'utf8').slice(-2000) : '';
			throw new Error(`${program} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}\n${result.stderr}\n${log}`);
		}
	}

	/** One SQL statement through psql; the rows as tab-separated text. */
	query(sql: string): string[][] {
		const psql = postgresBin('psql') ?? 'psql';
		const result = spawnSync(psql, ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-d', 'postgres', '-At', '-F', '\t', '-c', sql], { encoding: 'utf8', timeout: 30_000 });
		if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
		return result.stdout
			.split('\n')
			.filter(Boolean)
			.map((line) => line.split('\t'));
	}

	async stop(): Promise<void> {
		try {
			this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop'], 60_000);
		} catch {
			// already stopped
		}
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}
