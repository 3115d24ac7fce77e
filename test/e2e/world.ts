/**
 * Everything an end-to-end run needs around a real n8n: the SP-API emulator, the third-party stand-ins
 * served under their real host names through an intercepting proxy, and a RealN8n with the credentials
 * the example workflows refer to (same credential ids, so the examples need no credential rewriting).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { E2E_REFUND_SPIKES } from '../../scripts/demo/scenario';
import { startEmulator } from '../emulator';
import type { QueueInfo } from '../emulator/notifications/controlTypes';
import type { Emulator, EmulatorOptions, SellerFixtureKey } from '../emulator/types';
import { dingTalkRobot } from '../harness/thirdParty/dingTalk';
import { googleOAuth, googleSheetsApi, type GoogleOAuth, type GoogleSheetsApi } from '../harness/thirdParty/googleSheets';
import { startInterceptingProxy, type InterceptingProxy } from '../harness/thirdParty/interceptingProxy';
import { startSmtpReceiver, type SmtpReceiver } from '../harness/thirdParty/smtp';
import { erpWebhook, slackWebApi } from '../harness/thirdParty/standIns';
import { RealN8n, runtimeFromEnvironment, type CredentialToImport } from './realN8n';
import { PLAYBOOK_SHEETS, playbookStandIns, type PlaybookStandIns } from './playbookWorld';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/**
 * Values the examples ship with as placeholders for the seller to replace. The stand-ins accept exactly
 * these, so the examples run unchanged; a seller who forgets to replace them gets Amazon's/DingTalk's refusal.
 */
export const EXAMPLE_PLACEHOLDERS = {
	dingTalkAccessToken: 'YOUR_ACCESS_TOKEN',
	dingTalkSecret: 'SEC_YOUR_ROBOT_SECRET',
	erpPath: '/api/amazon/settlements',
	erpReportsPath: '/api/amazon/reports',
	erpSettlementReportsPath: '/api/amazon/settlement-reports',
	spreadsheetId: 'YOUR_SPREADSHEET_ID',
	sheetName: 'Refunds',
	/** Where the examples save files: n8n's Docker image allows only this folder by default. */
	filesFolder: '/home/node/.n8n-files',
};

/** The header row the seller's "Refunds" sheet starts with (the sticky note of the Sheets example lists it). */
export const REFUNDS_SHEET_HEADER = ['Posted (local time)', 'Marketplace', 'Order ID', 'SKU', 'Quantity', 'Currency', 'Principal', 'Tax', 'Shipping', 'Fees', 'Total', 'Type', 'Refund key'];

/** The header row of the vendor's "Shortages" sheet (the sticky note of the Shortage Watch example lists it). */
export const SHORTAGES_SHEET_HEADER = ['PO', 'Line', 'ASIN', 'Finding', 'Shipped', 'Received', 'Missing', 'Value', 'Currency', 'Dispute by', 'Hours left', 'Message'];
export const SHORTAGES_SHEET = 'Shortages';

/** Test-only secrets of the third-party credentials imported into n8n. */
export const TEST_SECRETS = {
	slackBotToken: 'xoxb-acorn-e2e-test-token',
	erpApiKey: 'erp-acorn-e2e-test-key',
	googleClientId: 'acorn-e2e.apps.googleusercontent.com',
	googleClientSecret: 'GOCSPX-acorn-e2e-test-secret',
	googleRefreshToken: '1//acorn-e2e-test-refresh-token',
	/** An access token Google no longer accepts: n8n must renew it with the refresh token, as after an hour. */
	googleStaleAccessToken: 'ya29.acorn-e2e-stale',
	smtpUser: 'amazon-bot@your-company.example',
	smtpPassword: 'acorn-e2e-smtp-password',
};

/** The SQS queues the notification examples' credentials point at (in the emulated SQS); one queue per workflow. */
export const NOTIFICATIONS_QUEUE = 'acorn-e2e-notifications';
export const REPORT_NOTIFICATIONS_QUEUE = 'acorn-e2e-report-notifications';

export interface E2eWorld {
	emulator: Emulator;
	proxy: InterceptingProxy;
	slack: ReturnType<typeof slackWebApi>;
	dingTalk: ReturnType<typeof dingTalkRobot>;
	erp: ReturnType<typeof erpWebhook>;
	erpReports: ReturnType<typeof erpWebhook>;
	erpSettlementReports: ReturnType<typeof erpWebhook>;
	googleOAuth: GoogleOAuth;
	sheets: GoogleSheetsApi;
	smtp: SmtpReceiver;
	/** WeCom, Feishu and the ERP paths of the playbook examples (playbookWorld.ts). */
	playbooks: PlaybookStandIns;
	queue: QueueInfo;
	reportQueue: QueueInfo;
	/** The seller behind the examples' one Amazon SP-API credential. */
	seller: SellerFixtureKey;
	/** Stands in for /home/node/.n8n-files (the examples' save folder); n8n may write only here. */
	filesFolder: string;
	n8n: RealN8n;
	close(): Promise<void>;
}

export function tarballFromEnvironment(): string {
	const tarball = process.env.ACORN_E2E_TARBALL;
	if (!tarball || !fs.existsSync(tarball)) {
		throw new Error('ACORN_E2E_TARBALL is not set to an existing `npm pack` tarball: run the e2e tests with `npm run test:e2e`.');
	}
	return tarball;
}

/**
 * Credentials under the ids the examples use, pointing at the emulator and the stand-ins: exactly one
 * Amazon SP-API credential, of the seller of one region (North America unless said otherwise), as a
 * seller who sells in one region has.
 */
export function exampleCredentials(emulator: Emulator, smtp?: { host: string; port: number }, seller: SellerFixtureKey = 'na'): CredentialToImport[] {
	return [
		{ id: 'acornAmazonSpApi', name: 'Amazon SP-API account', type: 'amazonSpApi', data: { ...emulator.credentialsFor(seller) } },
		// a vendor (Vendor Central) account is another kind of account, not another region: the vendor example's own
		{ id: 'acornAmazonSpApiVendor', name: 'Amazon SP-API vendor account', type: 'amazonSpApi', data: { ...emulator.credentialsFor('vendor') } },
		{ id: 'acornAmazonSqs', name: 'Amazon SQS (notifications queue)', type: 'amazonSqsApi', data: { ...emulator.control.sqs.credentialsFor(NOTIFICATIONS_QUEUE) } },
		{ id: 'acornAmazonSqsReports', name: 'Amazon SQS (report notifications queue)', type: 'amazonSqsApi', data: { ...emulator.control.sqs.credentialsFor(REPORT_NOTIFICATIONS_QUEUE) } },
		{ id: 'acornSlackBot', name: 'Slack bot', type: 'slackApi', data: { accessToken: TEST_SECRETS.slackBotToken } },
		{ id: 'acornErpApiKey', name: 'ERP API key', type: 'httpHeaderAuth', data: { name: 'X-Api-Key', value: TEST_SECRETS.erpApiKey } },
		{
			id: 'acornGoogleSheets',
			name: 'Google Sheets account',
			type: 'googleSheetsOAuth2Api',
			// What n8n stores after "Sign in with Google"; the access token has expired since.
			data: {
				clientId: TEST_SECRETS.googleClientId,
				clientSecret: TEST_SECRETS.googleClientSecret,
				oauthTokenData: { access_token: TEST_SECRETS.googleStaleAccessToken, refresh_token: TEST_SECRETS.googleRefreshToken, token_type: 'Bearer', expires_in: 3599, scope: 'https://www.googleapis.com/auth/spreadsheets' },
			},
		},
		{
			id: 'acornSmtp',
			name: 'SMTP account',
			type: 'smtp',
			data: { user: TEST_SECRETS.smtpUser, password: TEST_SECRETS.smtpPassword, host: smtp?.host ?? '127.0.0.1', port: smtp?.port ?? 25, secure: false, disableStartTls: true },
		},
	];
}

export interface WorldOptions {
	/** The seller whose one Amazon SP-API credential the examples get (default: the North America seller). */
	seller?: SellerFixtureKey;
	/**
	 * The emulator's settings: e.g. fewer orders a day where a test prints whole months of report lines
	 * (n8n execute cuts a run JSON of some tens of MB short).
	 */
	emulator?: EmulatorOptions;
}

export async function startWorld(extraCredentials: (emulator: Emulator) => CredentialToImport[] = () => [], options: WorldOptions = {}): Promise<E2eWorld> {
	const closers: Array<() => Promise<void>> = [];
	try {
		// Rate limits stay on (real pacing by the nodes); the emulator's clock is real time because
		// n8n runs in another process with the real clock.
		// The seeded data plus two product problems (lanterns in Germany, one product in the US) for the
		// refund anomaly examples to find.
		const emulator = await startEmulator({ timeScale: 1, refundSpikes: E2E_REFUND_SPIKES, ...options.emulator });
		closers.push(() => emulator.close());
		const queue = emulator.control.sqs.createQueue({ name: NOTIFICATIONS_QUEUE });
		const reportQueue = emulator.control.sqs.createQueue({ name: REPORT_NOTIFICATIONS_QUEUE });
		const slack = slackWebApi({ botToken: TEST_SECRETS.slackBotToken });
		const dingTalk = dingTalkRobot({ accessToken: EXAMPLE_PLACEHOLDERS.dingTalkAccessToken, secret: EXAMPLE_PLACEHOLDERS.dingTalkSecret });
		const erp = erpWebhook({ path: EXAMPLE_PLACEHOLDERS.erpPath, headerName: 'X-Api-Key', apiKey: TEST_SECRETS.erpApiKey });
		const erpReports = erpWebhook({ path: EXAMPLE_PLACEHOLDERS.erpReportsPath, headerName: 'X-Api-Key', apiKey: TEST_SECRETS.erpApiKey });
		const erpSettlementReports = erpWebhook({ path: EXAMPLE_PLACEHOLDERS.erpSettlementReportsPath, headerName: 'X-Api-Key', apiKey: TEST_SECRETS.erpApiKey });
		const oauth = googleOAuth({ clientId: TEST_SECRETS.googleClientId, clientSecret: TEST_SECRETS.googleClientSecret, refreshToken: TEST_SECRETS.googleRefreshToken });
		const sheets = googleSheetsApi({ spreadsheetId: EXAMPLE_PLACEHOLDERS.spreadsheetId, sheets: { [EXAMPLE_PLACEHOLDERS.sheetName]: [REFUNDS_SHEET_HEADER], [SHORTAGES_SHEET]: [SHORTAGES_SHEET_HEADER], ...PLAYBOOK_SHEETS }, oauth });
		const playbooks = playbookStandIns(TEST_SECRETS.erpApiKey);
		const proxy = await startInterceptingProxy({
			...playbooks.hosts,
			'slack.com': [slack],
			'oapi.dingtalk.com': [dingTalk],
			'erp.example.com': [erp, erpReports, erpSettlementReports, ...playbooks.hosts['erp.example.com']],
			'oauth2.googleapis.com': [oauth],
			'sheets.googleapis.com': [sheets],
		});
		closers.push(() => proxy.close());
		const smtp = await startSmtpReceiver({ user: TEST_SECRETS.smtpUser, password: TEST_SECRETS.smtpPassword });
		closers.push(() => smtp.close());
		const filesFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-e2e-files-'));
		closers.push(async () => fs.rmSync(filesFolder, { recursive: true, force: true }));
		const n8n = await RealN8n.create({
			runtime: runtimeFromEnvironment(),
			tarball: tarballFromEnvironment(),
			keep: process.env.ACORN_E2E_KEEP === '1',
			env: {
				HTTPS_PROXY: proxy.url,
				HTTP_PROXY: proxy.url,
				https_proxy: proxy.url,
				http_proxy: proxy.url,
				NODE_EXTRA_CA_CERTS: proxy.caPath,
				// The examples save under /home/node/.n8n-files (n8n's Docker image); prepareForImport points
				// those paths here, and n8n may write nowhere else.
				N8N_RESTRICT_FILE_ACCESS_TO: filesFolder,
			},
		});
		closers.push(() => n8n.dispose());
		await n8n.importCredentials([...exampleCredentials(emulator, smtp, options.seller), ...extraCredentials(emulator)]);
		return {
			emulator,
			proxy,
			slack,
			dingTalk,
			erp,
			erpReports,
			erpSettlementReports,
			googleOAuth: oauth,
			sheets,
			smtp,
			playbooks,
			queue,
			reportQueue,
			seller: options.seller ?? 'na',
			filesFolder,
			n8n,
			close: async () => {
				for (const close of closers.reverse()) await close();
			},
		};
	} catch (error) {
		for (const close of closers.reverse()) await close().catch(() => undefined);
		throw error;
	}
}
