/**
 * Headless Debian Chromium driven by puppeteer-core, and pages that keep what went wrong in them: console
 * errors, uncaught exceptions, and n8n REST calls that failed. Nothing leaves the machine: every request
 * to another origin than the n8n under test is aborted (and listed, so a test can say what the editor
 * tried to reach).
 */
import puppeteer, { type Browser, type HTTPRequest, type HTTPResponse, type Page } from 'puppeteer-core';

interface ChromiumInstall {
	executablePath: string;
	version: string;
	installed: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureChromium, CHROMIUM_FLAGS } = require('../../../scripts/e2e/chromium.js') as {
	ensureChromium: () => ChromiumInstall;
	CHROMIUM_FLAGS: string[];
};

/** A viewport that fits n8n's node panel and parameter panel without making screenshots large. */
export const VIEWPORT = { width: 1440, height: 960 };

export async function launchChromium(): Promise<{ browser: Browser; chromium: ChromiumInstall }> {
	const chromium = ensureChromium();
	const browser = await puppeteer.launch({
		executablePath: chromium.executablePath,
		headless: true,
		args: CHROMIUM_FLAGS,
		defaultViewport: VIEWPORT,
		// puppeteer makes a fresh --user-data-dir per launch and removes it on close.
	});
	return { browser, chromium };
}

export interface PageProblems {
	/** console.error lines (with the script or resource they came from). */
	consoleErrors: string[];
	/** Uncaught exceptions in the page. */
	pageErrors: string[];
	/** n8n REST calls answered with 4xx/5xx: method, path, status and the start of the answer. */
	failedRestCalls: string[];
	/** Requests to other origins that were stopped (n8n's editor asks the npm registry about community packages). */
	blockedRequests: string[];
}

export interface WatchedPage {
	page: Page;
	problems: PageProblems;
	/** Problems that point at something wrong (blocked outside requests and their console lines excluded). */
	errors(): string[];
	/** Forgets what was recorded so far (the next step is checked on its own). */
	reset(): void;
}

function describeResponse(response: HTTPResponse, body: string): string {
	const url = new URL(response.url());
	return `${response.request().method()} ${url.pathname} → ${response.status()}: ${body.replace(/\s+/g, ' ').slice(0, 300)}`;
}

/** A new tab whose requests stay on `origin` and whose problems are recorded. */
export async function watchedPage(browser: Browser, origin: string): Promise<WatchedPage> {
	const page = await browser.newPage();
	const problems: PageProblems = { consoleErrors: [], pageErrors: [], failedRestCalls: [], blockedRequests: [] };
	/** Every URL ever stopped (kept across reset(): its console line can come later). */
	const blocked = new Set<string>();
	await page.setRequestInterception(true);
	page.on('request', (request: HTTPRequest) => {
		const url = request.url();
		if (url.startsWith(`${origin}/`) || url === origin || url.startsWith('data:') || url.startsWith('blob:')) {
			void request.continue();
			return;
		}
		problems.blockedRequests.push(url);
		blocked.add(url);
		void request.abort('blockedbyclient');
	});
	page.on('console', (message) => {
		if (message.type() !== 'error') return;
		const source = message.location()?.url ?? '';
		// n8n's own request to an outside host, stopped above: not a problem of the page under test.
		if (source && blocked.has(source)) return;
		problems.consoleErrors.push(`${message.text()}${source ? ` (${source})` : ''}`);
	});
	page.on('pageerror', (error) => problems.pageErrors.push(error instanceof Error ? `${error.message}` : String(error)));
	page.on('response', (response) => {
		if (response.status() < 400 || !response.url().startsWith(`${origin}/rest/`)) return;
		const index = problems.failedRestCalls.push(describeResponse(response, '')) - 1;
		response.text().then(
			(body) => (problems.failedRestCalls[index] = describeResponse(response, body)),
			() => undefined,
		);
	});
	return {
		page,
		problems,
		errors: () => [
			...problems.failedRestCalls.map((line) => `n8n REST call failed: ${line}`),
			...problems.pageErrors.map((line) => `uncaught exception in the editor: ${line}`),
			// the failed REST calls are already listed with their answer
			...problems.consoleErrors.filter((line) => !/the server responded with a status of/.test(line)).map((line) => `console error: ${line}`),
		],
		reset: () => {
			for (const list of Object.values(problems)) list.splice(0);
		},
	};
}
