/**
 * Everything an end-to-end run needs around a real n8n: the SP-API emulator, the third-party stand-ins
 * served under their real host names through an intercepting proxy, and a RealN8n with the credentials
 * the example workflows refer to (same credential ids, so the examples need no credential rewriting).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator } from '../emulator';
import type { Emulator } from '../emulator/types';
import { dingTalkRobot } from '../harness/thirdParty/dingTalk';
import { startInterceptingProxy, type InterceptingProxy } from '../harness/thirdParty/interceptingProxy';
import { erpWebhook, slackWebApi } from '../harness/thirdParty/standIns';
import { RealN8n, runtimeFromEnvironment, type CredentialToImport } from './realN8n';

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
};

/** Test-only secrets of the third-party credentials imported into n8n. */
export const TEST_SECRETS = {
	slackBotToken: 'xoxb-acorn-e2e-test-token',
	erpApiKey: 'erp-acorn-e2e-test-key',
};

export interface E2eWorld {
	emulator: Emulator;
	proxy: InterceptingProxy;
	slack: ReturnType<typeof slackWebApi>;
	dingTalk: ReturnType<typeof dingTalkRobot>;
	erp: ReturnType<typeof erpWebhook>;
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

/** Credentials under the ids the examples use (acornAmazonSpApi, acornSlackBot, acornErpApiKey) plus extras. */
export function exampleCredentials(emulator: Emulator): CredentialToImport[] {
	return [
		{ id: 'acornAmazonSpApi', name: 'Amazon SP-API account', type: 'amazonSpApi', data: { ...emulator.credentialsFor('na') } },
		{ id: 'acornSlackBot', name: 'Slack bot', type: 'slackApi', data: { accessToken: TEST_SECRETS.slackBotToken } },
		{ id: 'acornErpApiKey', name: 'ERP API key', type: 'httpHeaderAuth', data: { name: 'X-Api-Key', value: TEST_SECRETS.erpApiKey } },
	];
}

export async function startWorld(extraCredentials: (emulator: Emulator) => CredentialToImport[] = () => []): Promise<E2eWorld> {
	const closers: Array<() => Promise<void>> = [];
	try {
		// Rate limits stay on (real pacing by the nodes); the emulator's clock is real time because
		// n8n runs in another process with the real clock.
		const emulator = await startEmulator({ timeScale: 1 });
		closers.push(() => emulator.close());
		const slack = slackWebApi({ botToken: TEST_SECRETS.slackBotToken });
		const dingTalk = dingTalkRobot({ accessToken: EXAMPLE_PLACEHOLDERS.dingTalkAccessToken, secret: EXAMPLE_PLACEHOLDERS.dingTalkSecret });
		const erp = erpWebhook({ path: EXAMPLE_PLACEHOLDERS.erpPath, headerName: 'X-Api-Key', apiKey: TEST_SECRETS.erpApiKey });
		const proxy = await startInterceptingProxy({ 'slack.com': [slack], 'oapi.dingtalk.com': [dingTalk], 'erp.example.com': [erp] });
		closers.push(() => proxy.close());
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
			},
		});
		closers.push(() => n8n.dispose());
		await n8n.importCredentials([...exampleCredentials(emulator), ...extraCredentials(emulator)]);
		return {
			emulator,
			proxy,
			slack,
			dingTalk,
			erp,
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
