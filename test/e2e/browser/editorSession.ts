/**
 * A real n8n editor ready for a browser: `n8n start` on a free loopback port, the owner account made
 * through n8n's REST setup (as the first visit of the editor would ask), and Chromium signed in with that
 * account's cookie, so tests open the editor without any manual step.
 */
import type { Browser } from 'puppeteer-core';
import { untilResolved } from '../../helpers/waiting';
import type { RealN8n, RunningN8n } from '../realN8n';
import { tail } from '../realN8n';
import { launchChromium, watchedPage, type WatchedPage } from './chromiumBrowser';

/** The test owner of the editor (a local n8n that lives for one test run). */
export const EDITOR_OWNER = { email: 'seller@acorn-e2e.example', firstName: 'Acorn', lastName: 'Seller', password: 'Acorn-e2e-Passw0rd' };
const AUTH_COOKIE = 'n8n-auth';

export interface EditorSession {
	url: string;
	n8n: RunningN8n;
	browser: Browser;
	chromiumVersion: string;
	/** Seconds from `n8n start` until the editor's REST API answered. */
	startSeconds: number;
	/** A new signed-in tab that records its problems. */
	newPage(): Promise<WatchedPage>;
	close(): Promise<void>;
}

async function json(response: Response, what: string): Promise<unknown> {
	const text = await response.text();
	if (!response.ok) throw new Error(`${what}: HTTP ${response.status}: ${text.slice(0, 300)}`);
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new Error(`${what}: HTTP ${response.status} answered with something else than JSON: ${JSON.stringify(text.slice(0, 300))}`);
	}
}

function authCookieOf(response: Response): string {
	for (const header of response.headers.getSetCookie()) {
		const [pair] = header.split(';');
		const [name, ...value] = pair.split('=');
		if (name.trim() === AUTH_COOKIE) return value.join('=');
	}
	throw new Error(`n8n answered ${response.url} without an ${AUTH_COOKIE} cookie`);
}

/** Owner setup on a fresh n8n (what its first page asks for), sign-in on one that has an owner. */
async function signIn(url: string): Promise<string> {
	const settings = (await json(await fetch(`${url}/rest/settings`), 'GET /rest/settings')) as { data: { userManagement: { showSetupOnFirstLoad?: boolean } } };
	const headers = { 'content-type': 'application/json' };
	if (settings.data.userManagement.showSetupOnFirstLoad) {
		const setup = await fetch(`${url}/rest/owner/setup`, { method: 'POST', headers, body: JSON.stringify(EDITOR_OWNER) });
		await json(setup.clone(), 'POST /rest/owner/setup');
		return authCookieOf(setup);
	}
	const login = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ emailOrLdapLoginId: EDITOR_OWNER.email, password: EDITOR_OWNER.password }),
	});
	await json(login.clone(), 'POST /rest/login');
	return authCookieOf(login);
}

/**
 * Starts n8n (with `env` added, e.g. ACORN_LANGUAGE) and a signed-in Chromium. The n8n instance's user
 * folder (ACORN installed, credentials imported) is the caller's; close() stops n8n and the browser.
 */
export async function openEditor(realN8n: RealN8n, env: NodeJS.ProcessEnv = {}): Promise<EditorSession> {
	const started = Date.now();
	// The cookie goes over plain http on 127.0.0.1.
	const n8n = await realN8n.start(180_000, { N8N_SECURE_COOKIE: 'false', ...env });
	let browser: Browser | undefined;
	try {
		// /healthz answers while n8n still migrates its database; the REST API comes last.
		await untilResolved(
			async () => {
				const response = await fetch(`${n8n.url}/rest/settings`).catch(() => undefined);
				return !!response?.ok && /^\s*\{/.test(await response.text());
			},
			180_000,
			`n8n's REST API on ${n8n.url}\n${tail(n8n.output(), 20)}`,
			250,
		);
		const startSeconds = (Date.now() - started) / 1000;
		const cookie = await signIn(n8n.url);
		const launched = await launchChromium();
		browser = launched.browser;
		await browser.setCookie({ name: AUTH_COOKIE, value: cookie, domain: '127.0.0.1', path: '/', httpOnly: true });
		const openedBrowser = browser;
		return {
			url: n8n.url,
			n8n,
			browser: openedBrowser,
			chromiumVersion: launched.chromium.version,
			startSeconds,
			newPage: () => watchedPage(openedBrowser, n8n.url),
			close: async () => {
				await openedBrowser.close().catch(() => undefined);
				await n8n.stop();
			},
		};
	} catch (error) {
		await browser?.close().catch(() => undefined);
		await n8n.stop();
		throw error;
	}
}
