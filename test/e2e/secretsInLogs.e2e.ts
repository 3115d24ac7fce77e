/**
 * Seller Wallet secrets in a real n8n's own records: a transfer and a transfer schedule fail at
 * N8N_LOG_LEVEL=debug (logged to a file and the console), then n8n's WHOLE log, everything `n8n execute`
 * printed and the execution records in n8n's database (run data, errors) are searched for the bank
 * account number (every way it can be written) and both digital signatures. The workflow definition
 * itself (node parameters as typed) is stored by n8n as it is — README "Security" says so; this test
 * shows where it is and that it goes nowhere else.
 * Run with `npm run test:e2e -- -t secrets`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../emulator';
import { walletStore } from '../emulator/data/walletStore';
import type { Emulator } from '../emulator/types';
import { MANUAL_TRIGGER, type WorkflowJson } from './examples';
import { describeRunErrors, RealN8n, runCommand, runtimeFromEnvironment, tail, type ExecutionResult } from './realN8n';
import { tarballFromEnvironment } from './world';

const IBAN = 'DE79370400440532013471';
const IBAN_SPACED = 'DE79 3704 0044 0532 0134 71';
/** Every form of the account number a log or a database could hold (the last 3 characters alone are allowed). */
const ACCOUNT_FORMS = [IBAN, IBAN_SPACED, IBAN.toLowerCase(), '370400440532013471', '0532013471', '0532 0134'];
const SIGNATURES = {
	destAccountDigitalSignature: 'MEUCIQD-e2e-destination-signature-7f3a9c',
	amountDigitalSignature: 'MEQCIG-e2e-amount-signature-41b8d2',
};
const CREDENTIAL = { id: 'acornWalletEu', name: 'Amazon SP-API Europe (wallet)' };

function walletNode(name: string, parameters: Record<string, unknown>) {
	return {
		id: name.replace(/\W/g, ''),
		name,
		type: 'n8n-nodes-acorn.amazonSpApiSellerWallet',
		typeVersion: 1,
		position: [300, 0] as [number, number],
		parameters,
		credentials: { amazonSpApi: CREDENTIAL },
	};
}

function workflow(id: string, node: ReturnType<typeof walletNode>): WorkflowJson {
	return {
		id,
		name: `secrets ${id}`,
		active: false,
		nodes: [{ id: 'start', name: 'Start', type: MANUAL_TRIGGER, typeVersion: 1, position: [0, 0], parameters: {} }, node],
		connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		settings: { saveManualExecutions: true, saveDataErrorExecution: 'all' },
	};
}

const destination = {
	destinationOwnership: 'SELF',
	destinationHolderName: 'Eichel & Söhne Handel Ltd.',
	destinationAccountNumber: IBAN_SPACED,
	destinationNumberFormat: 'IBAN',
	destinationCountry: 'DE',
	destinationCurrency: 'EUR',
	destinationBankName: 'Commerzbank',
	destinationBankCode: 'COBADEFFXXX',
	destinationBankCodeType: 'BIC',
};

/** Runs `script` (a Node program reading n8n's SQLite database) with n8n's own Node 24 and its sqlite3. */
async function readDatabase(n8n: RealN8n, script: string): Promise<string> {
	const modules = path.resolve(path.dirname(n8n.runtime.n8nBin), '..', '..');
	const database = path.join(n8n.userFolder, '.n8n', 'database.sqlite');
	const result = await runCommand(n8n.runtime.nodeBin, ['-e', script, database], {
		cwd: n8n.userFolder,
		env: { ...process.env, NODE_PATH: modules },
		timeoutMs: 60_000,
	});
	if (result.code !== 0) throw new Error(`reading n8n's database failed:\n${result.stderr}`);
	return result.stdout;
}

const DUMP_EXECUTIONS = `
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);
db.all('SELECT executionId, data, workflowData FROM execution_data', (error, rows) => {
	if (error) { console.error(error.message); process.exit(1); }
	process.stdout.write(JSON.stringify(rows));
	db.close();
});`;

function found(text: string, needles: readonly string[]): string[] {
	return needles.filter((needle) => text.includes(needle));
}

describe("Seller Wallet secrets in a real n8n's debug log", () => {
	let emulator: Emulator;
	let n8n: RealN8n;
	let logFile: string;
	let logDir: string;
	const results: ExecutionResult[] = [];

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
			workflow(
				'secretsTransfer',
				walletNode('Pay Supplier', {
					resource: 'transaction',
					operation: 'create',
					marketplaceId: 'DE',
					sourceAccountId: eur,
					amount: '125.50',
					currency: 'EUR',
					...destination,
					transactionDescription: 'Rent March',
					customerPaymentReference: 'E2E-SECRETS-1',
					...SIGNATURES,
				}),
			),
			workflow(
				'secretsSchedule',
				walletNode('Monthly Sweep', {
					resource: 'transferSchedule',
					operation: 'create',
					marketplaceId: 'DE',
					sourceAccountId: eur,
					currency: 'EUR',
					destinationAccountId: 'amzn1.account.E2E',
					...destination,
					startDate: '2030-01-01T00:00:00Z',
					repeat: 'MONTHLY',
					paymentType: 'PERCENTAGE',
					paymentValue: '10',
					...SIGNATURES,
				}),
			),
		]);
		// A transfer whose answer never arrives (Amazon may have made it), and a schedule Amazon refuses
		// with an answer that echoes the account number and a signature.
		emulator.control.injectFault({ operation: 'createTransaction', status: 500, afterEffect: true });
		emulator.control.injectFault({
			operation: 'createTransferSchedule',
			status: 400,
			body: { errors: [{ code: 'InvalidInput', message: `Invalid bankAccountNumber ${IBAN}`, details: `signature ${SIGNATURES.amountDigitalSignature} does not match` }] },
		});
		results.push(await n8n.execute('secretsTransfer'), await n8n.execute('secretsSchedule'));
	}, 600_000);

	afterAll(async () => {
		await n8n?.dispose();
		await emulator?.close();
		if (logDir && process.env.ACORN_E2E_KEEP !== '1') fs.rmSync(logDir, { recursive: true, force: true });
		else if (logDir) process.stderr.write(`kept n8n's log in ${logDir} and its user folder in ${n8n?.userFolder}\n`);
	});

	it('both runs failed with ACORN’s error, at debug log level, and n8n wrote its log file', () => {
		const [transfer, schedule] = results;
		for (const result of results) expect({ failed: result.code !== 0, timedOut: result.timedOut, output: tail(result.stdout + result.stderr, 10) }).toMatchObject({ failed: true, timedOut: false });
		expect(describeRunErrors(transfer.run).join('\n')).toMatch(/Unclear whether Amazon carried out the transfer of 125\.50 EUR/);
		expect(describeRunErrors(schedule.run).join('\n')).toMatch(/Amazon said:/);
		const log = fs.readFileSync(logFile, 'utf8');
		// the log really is at debug level and covers the failures
		expect(log).toMatch(/"level":"debug"/);
		expect(log).toContain('finished with error');
		expect(emulator.control.requests().filter((entry) => entry.operation === 'createTransaction')).toHaveLength(1);
	});

	it("n8n's whole log and console output hold no account number and no signature", () => {
		const everything = [fs.readFileSync(logFile, 'utf8'), ...results.flatMap((result) => [result.stdout, result.stderr])].join('\n');
		expect(everything.length).toBeGreaterThan(1000);
		expect(found(everything, [...ACCOUNT_FORMS, ...Object.values(SIGNATURES)])).toEqual([]);
		// what may be shown: the last three characters, as Amazon itself does
		expect(everything).toContain('471');
	});

	it("the executions in n8n's database hold them only in the workflow as typed, never in run data or errors", async () => {
		const rows = JSON.parse(await readDatabase(n8n, DUMP_EXECUTIONS)) as Array<{ executionId: number; data: string; workflowData: string }>;
		expect(rows.length).toBeGreaterThanOrEqual(2);
		const runData = rows.map((row) => row.data).join('\n');
		expect(runData).toContain('Pay Supplier');
		expect(found(runData, [...ACCOUNT_FORMS, ...Object.values(SIGNATURES)])).toEqual([]);
		// n8n keeps the workflow's parameters as typed (unencrypted, password fields too): README "Security".
		expect(found(rows.map((row) => row.workflowData).join('\n'), [IBAN_SPACED, SIGNATURES.amountDigitalSignature])).toEqual([IBAN_SPACED, SIGNATURES.amountDigitalSignature]);
	});
});
