/**
 * Seller Wallet secrets and a real n8n's own records (issue 13, point 5). A transfer and a transfer
 * schedule fail in a real n8n running as in production (`n8n start`, the workflows started by a
 * webhook) at N8N_LOG_LEVEL=debug, logged to a file. Then n8n's WHOLE log and console output, and the
 * executions n8n stored in its database, are searched for the bank account number (every way it can be
 * written) and both digital signatures.
 *
 * What this shows: n8n's debug log prints a failing node's error with the node attached, parameters
 * included; ACORN's errors carry a copy of the node without its password fields, so the log holds
 * none of them, and neither do the stored run data and errors. What n8n itself keeps as typed: the
 * workflow (its node parameters, password fields too, unencrypted) and, in a failed execution, the node
 * it would run again (executionData). n8n offers no setting against that; README "Security" says so.
 * Run with `npm run test:e2e -- -t secrets`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../emulator';
import { walletStore } from '../emulator/data/walletStore';
import type { Emulator } from '../emulator/types';
import { sleep } from '../helpers/waiting';
import { DESTINATION, IBAN, IBAN_SPACED, scheduleParameters, SIGNATURES } from '../helpers/walletFixture';
import type { WorkflowJson } from './examples';
import { RealN8n, runCommand, runtimeFromEnvironment, tail, type RunningN8n } from './realN8n';
import { tarballFromEnvironment } from './world';

/** Every form of the account number a log or a database could hold (the last 3 characters alone are allowed). */
const ACCOUNT_FORMS = [IBAN, IBAN_SPACED, IBAN.toLowerCase(), '370400440532013471', '0532013471', '0532 0134'];
const SECRETS = [...ACCOUNT_FORMS, ...Object.values(SIGNATURES)];
const CREDENTIAL = { id: 'acornWalletEu', name: 'Amazon SP-API Europe (wallet)' };

/** Webhook (as a payment system would call it) → one Seller Wallet node. */
function webhookWorkflow(id: string, webhookPath: string, nodeName: string, parameters: Record<string, unknown>): WorkflowJson {
	return {
		id,
		name: `secrets ${id}`,
		active: false,
		nodes: [
			{
				id: `${id}-hook`,
				name: 'Payment Request',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
				webhookId: `6f1c2d3e-4a5b-4c6d-8e9f-${id.replace(/\W/g, '').padEnd(12, '0').slice(0, 12).toLowerCase()}`,
			} as WorkflowJson['nodes'][number],
			{ id: `${id}-wallet`, name: nodeName, type: 'n8n-nodes-acorn.amazonSpApiSellerWallet', typeVersion: 1, position: [300, 0], parameters, credentials: { amazonSpApi: CREDENTIAL } },
		],
		connections: { 'Payment Request': { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		settings: { saveDataErrorExecution: 'all', saveDataSuccessExecution: 'all' },
	};
}

/** Runs `script` (a Node program reading n8n's SQLite database) with n8n's own Node 24 and its modules. */
async function readDatabase(n8n: RealN8n, script: string): Promise<string> {
	const modules = path.resolve(path.dirname(n8n.runtime.n8nBin), '..', '..');
	const database = path.join(n8n.userFolder, '.n8n', 'database.sqlite');
	const result = await runCommand(n8n.runtime.nodeBin, ['-e', script, database], { cwd: n8n.userFolder, env: { ...process.env, NODE_PATH: modules }, timeoutMs: 60_000 });
	if (result.code !== 0) throw new Error(`reading n8n's database failed:\n${result.stderr}`);
	return result.stdout;
}

/** Each stored execution: its status, run data (results and errors) and what n8n keeps to run it again, apart. */
const DUMP_EXECUTIONS = `
const sqlite3 = require('sqlite3');
const { parse } = require('flatted');
const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);
db.all('SELECT e.id, e.status, d.data, d.workflowData FROM execution_entity e JOIN execution_data d ON d.executionId = e.id', (error, rows) => {
	if (error) { console.error(error.message); process.exit(1); }
	process.stdout.write(JSON.stringify(rows.map((row) => {
		const data = parse(row.data);
		return { id: row.id, status: row.status, resultData: JSON.stringify(data.resultData), executionData: JSON.stringify(data.executionData), workflowData: row.workflowData };
	})));
	db.close();
});`;

interface StoredExecution {
	id: string;
	status: string;
	resultData: string;
	executionData: string;
	workflowData: string;
}

const found = (text: string): string[] => SECRETS.filter((secret) => text.includes(secret));

describe("Seller Wallet secrets in a real n8n's debug log (n8n start, webhook-started runs)", () => {
	let emulator: Emulator;
	let n8n: RealN8n;
	let running: RunningN8n | undefined;
	let logDir: string;
	let logFile: string;
	let executions: StoredExecution[] = [];

	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 1 });
		logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-e2e-log-'));
		logFile = path.join(logDir, 'n8n.log');
		n8n = await RealN8n.create({
			runtime: runtimeFromEnvironment(),
			tarball: tarballFromEnvironment(),
			keep: process.env.ACORN_E2E_KEEP === '1',
			env: { N8N_LOG_LEVEL: 'debug', N8N_LOG_OUTPUT: 'console,file', N8N_LOG_FILE_LOCATION: logFile },
		});
		await n8n.importCredentials([{ ...CREDENTIAL, type: 'amazonSpApi', data: { ...emulator.credentialsFor('eu') } }]);
		const eur = walletStore(emulator.control.state).walletOf('eu').accounts.find((account) => account.currency === 'EUR')!.accountId;
		await n8n.importWorkflows([
			webhookWorkflow('secretsTransfer', 'acorn-secrets-transfer', 'Pay Supplier', {
				resource: 'transaction',
				operation: 'create',
				marketplaceId: 'DE',
				sourceAccountId: eur,
				amount: '125.50',
				currency: 'EUR',
				...DESTINATION,
				transactionDescription: 'Rent March',
				customerPaymentReference: 'E2E-SECRETS-1',
				...SIGNATURES,
			}),
			webhookWorkflow('secretsSchedule', 'acorn-secrets-schedule', 'Monthly Sweep', scheduleParameters(eur, 'amzn1.account.E2E')),
		]);
		await n8n.publishWorkflow('secretsTransfer');
		await n8n.publishWorkflow('secretsSchedule');
		// A transfer whose answer never arrives (Amazon may have made it), and a schedule Amazon refuses
		// with an answer that echoes the account number and a signature.
		emulator.control.injectFault({ operation: 'createTransaction', status: 500, afterEffect: true });
		emulator.control.injectFault({
			operation: 'createTransferSchedule',
			status: 400,
			body: { errors: [{ code: 'InvalidInput', message: `Invalid bankAccountNumber ${IBAN}`, details: `signature ${SIGNATURES.amountDigitalSignature} does not match` }] },
		});
		running = await n8n.start();
		// /healthz answers before n8n has activated the published workflows: their webhooks answer 404 until then
		for (const hook of ['acorn-secrets-transfer', 'acorn-secrets-schedule']) {
			const since = Date.now();
			for (;;) {
				const answer = await fetch(`${running.url}/webhook/${hook}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"invoice":"2025-031"}' });
				if (answer.status === 200) break;
				if (answer.status !== 404 || Date.now() - since > 90_000) throw new Error(`webhook ${hook} answered ${answer.status}:\n${tail(running.output(), 20)}`);
				await sleep(500);
			}
		}
		const dump = async () => JSON.parse(await readDatabase(n8n, DUMP_EXECUTIONS)) as StoredExecution[];
		const started = Date.now();
		while ((executions = await dump()).filter((execution) => execution.status === 'error').length < 2) {
			if (Date.now() - started > 90_000) throw new Error(`no two failed executions after 90 s:\n${tail(running.output(), 20)}`);
			await sleep(1000);
		}
	}, 600_000);

	afterAll(async () => {
		await running?.stop();
		await n8n?.dispose();
		await emulator?.close();
		if (logDir && process.env.ACORN_E2E_KEEP !== '1') fs.rmSync(logDir, { recursive: true, force: true });
		else if (logDir) process.stderr.write(`kept n8n's log in ${logDir} and its user folder in ${n8n?.userFolder}\n`);
	});

	it('both runs failed with ACORN’s error at debug log level, and the transfer was sent once', () => {
		const log = fs.readFileSync(logFile, 'utf8');
		expect(log).toMatch(/"level":"debug"/);
		expect(log.match(/Workflow execution finished with error/g)?.length).toBe(2);
		// n8n's debug line carries the error with its node: the node is there, its secrets are not
		expect(log).toContain('"destinationAccountNumber":"[redacted]"');
		expect(log).toContain('"amountDigitalSignature":"[redacted]"');
		const errors = executions.map((execution) => execution.resultData).join('\n');
		expect(errors).toMatch(/Unclear whether Amazon carried out the transfer of 125\.50 EUR/);
		expect(errors).toMatch(/Amazon said: Invalid bankAccountNumber \*\*\*\*471 \(signature \[redacted\] does not match\)/);
		expect(emulator.control.requests().filter((entry) => entry.operation === 'createTransaction')).toHaveLength(1);
	});

	it("n8n's whole log and console output hold no account number and no signature", () => {
		const everything = `${fs.readFileSync(logFile, 'utf8')}\n${running?.output() ?? ''}`;
		expect(everything.length).toBeGreaterThan(1000);
		expect(found(everything)).toEqual([]);
		// what may be shown: the last three characters, as Amazon itself does
		expect(everything).toContain('****471');
	});

	it("n8n's stored run data and errors hold none; n8n keeps them only where it keeps the workflow as typed", () => {
		expect(executions.filter((execution) => execution.status === 'error')).toHaveLength(2);
		for (const execution of executions) expect({ id: execution.id, found: found(execution.resultData) }).toEqual({ id: execution.id, found: [] });
		// n8n's own copies of the node as the person typed it (password fields unencrypted too): the
		// workflow, and the node a failed execution would run again. README "Security" says so.
		const kept = executions.map((execution) => `${execution.workflowData}\n${execution.executionData}`).join('\n');
		expect(found(kept)).toEqual(expect.arrayContaining([IBAN_SPACED, SIGNATURES.amountDigitalSignature]));
	});
});
