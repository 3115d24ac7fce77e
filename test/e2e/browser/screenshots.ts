/**
 * Screenshots of the editor test: every one goes to test-output/editor-screenshots (gitignored, for a
 * person to look at after a run); the README's own ones also go to docs/screenshots when the run was
 * started by `npm run screenshots` (ACORN_DOCS_SCREENSHOTS=1), so the committed pictures change only on purpose.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BoundingBox } from 'puppeteer-core';
import { REPO_ROOT } from '../world';
import type { EditorPage } from './editorPage';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const docs = require('../../../scripts/e2e/screenshots.js') as { README_SCREENSHOTS: string[]; DOCS_SCREENSHOT_DIR: string };

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-output', 'editor-screenshots');
/** The pictures README.md and README.zh-CN.md show (docs/screenshots/<name>.png), listed by `npm run screenshots`. */
const README_SCREENSHOTS: ReadonlySet<string> = new Set(docs.README_SCREENSHOTS);

/** `n8n-nodes-acorn.amazonSpApiSellerWallet` → `seller-wallet`. */
export function screenshotName(type: string): string {
	const short = type.replace(/^.*\.amazonSpApi/, '');
	return short.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Saves `<name>.png` (the `clip` part of the page) and returns its path. */
export async function saveScreenshot(editor: EditorPage, name: string, clip?: BoundingBox): Promise<string> {
	const file = path.join(SCREENSHOT_DIR, `${name}.png`);
	await editor.screenshot(file, clip);
	if (process.env.ACORN_DOCS_SCREENSHOTS === '1' && README_SCREENSHOTS.has(name)) {
		fs.mkdirSync(docs.DOCS_SCREENSHOT_DIR, { recursive: true });
		fs.copyFileSync(file, path.join(docs.DOCS_SCREENSHOT_DIR, `${name}.png`));
	}
	return file;
}
