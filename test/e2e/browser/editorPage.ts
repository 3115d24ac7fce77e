/// <reference lib="dom" />
/**
 * n8n 2.41's editor as a seller uses it: the node panel (search, pick a node, pick an action), the node's
 * parameter panel (NDV), the canvas and "Execute step". Selectors are n8n's own data-test-id attributes
 * (the ones n8n's Playwright tests use); every wait is on a condition in the page.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BoundingBox, ElementHandle, Page } from 'puppeteer-core';
import { PACKAGE_NAME } from '../realN8n';
import { VIEWPORT, type WatchedPage } from './chromiumBrowser';

const UI_TIMEOUT_MS = 30_000;
/** n8n shows this in a list field whose options could not be loaded (input value or placeholder). */
const FETCH_ERROR = /Error fetching options|Could not load options|Problem loading parameter options/i;

export interface PanelItem {
	/** Node type of the entry (`n8n-nodes-acorn.amazonSpApiRefunds`), or the entry's key for categories. */
	type: string;
	name: string;
}

const testId = (id: string) => `[data-test-id="${id}"]`;
const PANEL = testId('node-creator');
const NDV = testId('ndv');
/** Panel entries carry `data-keyboard-nav-id="<node type>-<uuid>"`. */
const panelEntry = (type: string) => `${PANEL} [data-keyboard-nav-id^="${type}-"]`;
/** A group of panel entries (Triggers, Actions) that is folded. */
const FOLDED_GROUP = '[data-category-collapsed="true"]';
const UUID_SUFFIX = /-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A saved credential in the open list of a credential field (not "Create new credential" nor n8n's credits). */
const SAVED_CREDENTIAL_OPTION = '[data-test-id^="node-credentials-select-item-"]:not([data-test-id="node-credentials-select-item-new"]):not([data-test-id="node-credentials-select-item-n8n-credits"])';

export interface CredentialSlot {
	/** What the field is called ("Amazon Seller Account (SP-API)"). */
	label: string;
	/** The chosen credential's name (empty while n8n shows its "Select Credential" placeholder). */
	shows: string;
	/** A saved credential is chosen. */
	chosen: boolean;
}

export class EditorPage {
	constructor(
		readonly watched: WatchedPage,
		readonly baseUrl: string,
	) {}

	get page(): Page {
		return this.watched.page;
	}

	/** A new, empty workflow on the canvas. */
	async openNewWorkflow(): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/new`, { waitUntil: 'domcontentloaded' });
		await this.page.waitForSelector(testId('node-creator-plus-button'), { visible: true, timeout: UI_TIMEOUT_MS });
	}

	/** The node entries the panel lists now (not categories). */
	async panelItems(): Promise<PanelItem[]> {
		const raw = await this.page.$$eval(`${PANEL} ${testId('item-iterator-item')}[data-keyboard-nav-id]`, (elements) =>
			elements.map((element) => ({
				id: element.getAttribute('data-keyboard-nav-id') ?? '',
				name: (element.querySelector('[data-test-id="node-creator-item-name"]') as HTMLElement | null)?.innerText ?? (element as HTMLElement).innerText,
			})),
		);
		return raw.map(({ id, name }) => ({ type: id.replace(UUID_SUFFIX, ''), name: name.trim() }));
	}

	/**
	 * Opens the node panel and types `text` in its search bar; waits until every node type of `expected`
	 * is listed (or `timeoutMs` passed: the caller compares) and returns what the panel lists. With no
	 * `expected`, waits for any ACORN entry (the results of the search, not the panel's start page).
	 */
	async searchNodePanel(text: string, expected: readonly string[], timeoutMs = 5_000): Promise<PanelItem[]> {
		if (!(await this.page.$(testId('node-creator-search-bar')))) {
			await this.page.click(testId('node-creator-plus-button'));
		}
		// The panel slides in and re-renders its search bar: focus and select whatever is there when it is there.
		await this.page.waitForFunction(
			(selector: string) => {
				const input = document.querySelector(selector) as HTMLInputElement | null;
				if (!input || input.offsetParent === null) return false;
				input.focus();
				input.select();
				return document.activeElement === input;
			},
			{ timeout: UI_TIMEOUT_MS, polling: 50 },
			testId('node-creator-search-bar'),
		);
		await this.page.keyboard.type(text);
		await this.page
			.waitForFunction(
				(selectors: string[]) => selectors.every((selector) => document.querySelector(selector)),
				{ timeout: timeoutMs, polling: 100 },
				expected.length ? expected.map(panelEntry) : [`${PANEL} [data-keyboard-nav-id^="${PACKAGE_NAME}."]`],
			)
			.catch(() => undefined);
		return await this.panelItems();
	}

	/**
	 * Adds a node from the search results: clicks its entry; when the panel then lists the node's actions
	 * (or "Add to workflow"), clicks the one whose text is `action` (default: the first), opening a
	 * folded group of actions when needed. Resolves, with the text of the action clicked (undefined when
	 * the panel went straight to the node), when the node's parameter panel is open and settled.
	 */
	async addNodeFromPanel(type: string, action?: string): Promise<string | undefined> {
		const entry = await this.page.$(panelEntry(type));
		if (!entry) throw new Error(`the node panel lists no entry for ${type}; it lists: ${JSON.stringify(await this.panelItems())}`);
		await entry.click();
		// The search results make way for the node's own view (or the parameter panel opens at once).
		await this.page.waitForFunction((element: Element) => !element.isConnected, { timeout: UI_TIMEOUT_MS, polling: 50 }, entry);
		const next = await this.page.waitForSelector(`${NDV}, ${panelEntry(type)}, ${PANEL} ${FOLDED_GROUP}`, { visible: true, timeout: UI_TIMEOUT_MS });
		const opened = await next!.evaluate((element) => element.getAttribute('data-test-id') === 'ndv');
		let clicked: string | undefined;
		if (!opened) {
			if (!(await this.page.$(panelEntry(type)))) {
				// n8n files a node under another node's entry when their names differ only by " Trigger";
				// its actions are then in a folded group.
				for (const group of await this.page.$$(`${PANEL} ${FOLDED_GROUP} ${testId('node-creator-category-item')}`)) await group.click();
				await this.page.waitForSelector(panelEntry(type), { visible: true, timeout: UI_TIMEOUT_MS });
			}
			const choices = await this.page.$$(panelEntry(type));
			let chosen: ElementHandle | undefined = choices[0];
			if (action) {
				chosen = undefined;
				for (const choice of choices) {
					if ((await choice.evaluate((element) => (element as HTMLElement).innerText.trim())) === action) chosen = choice;
				}
				if (!chosen) throw new Error(`the panel lists no action "${action}" for ${type}; it lists: ${(await this.panelItems()).map((item) => item.name).join(' | ')}`);
			}
			clicked = await chosen!.evaluate((element) => (element as HTMLElement).innerText.trim());
			await chosen!.click();
			await this.page.waitForSelector(NDV, { visible: true, timeout: UI_TIMEOUT_MS });
		}
		await this.waitUntilSettled();
		return clicked;
	}

	/**
	 * Back to an empty canvas on the same page (loading the editor again takes 10–30 s on a busy machine):
	 * closes what is open, deletes every node, forgets the problems recorded so far.
	 */
	async startOver(): Promise<void> {
		for (let attempt = 0; attempt < 3 && (await this.page.$(`${NDV}, ${PANEL}`)); attempt++) {
			const close = await this.page.$(`${NDV} ${testId('ndv-close-button')}`);
			if (close) await close.click();
			else await this.page.keyboard.press('Escape');
			await this.page.waitForSelector(`${NDV}, ${PANEL}`, { hidden: true, timeout: 5000 }).catch(() => undefined);
		}
		if (await this.page.$(testId('canvas-node'))) {
			await this.page.click(testId('canvas-background'), { offset: { x: 10, y: 10 } });
			await this.page.keyboard.down('Control');
			await this.page.keyboard.press('a');
			await this.page.keyboard.up('Control');
			await this.page.keyboard.press('Delete');
			await this.page.waitForFunction(() => !document.querySelector('[data-test-id="canvas-node"]'), { timeout: UI_TIMEOUT_MS, polling: 50 });
		}
		this.watched.reset();
	}

	/** Waits until the editor asked n8n everything it wanted (option lists included) and shows no spinner text. */
	async waitUntilSettled(): Promise<void> {
		await this.page.waitForNetworkIdle({ idleTime: 750, timeout: UI_TIMEOUT_MS });
		await this.page.waitForFunction(
			() => {
				const ndv = document.querySelector('[data-test-id="ndv"]') as HTMLElement | null;
				const inputs = ndv ? Array.from(ndv.querySelectorAll('input')).map((input) => `${input.value} ${input.placeholder}`).join(' ') : '';
				return !/Loading options|Loading\.\.\./i.test(`${ndv?.innerText ?? ''} ${inputs}`);
			},
			{ timeout: UI_TIMEOUT_MS, polling: 100 },
		);
	}

	/**
	 * What a seller would read as "something is broken" in the open parameter panel. Without
	 * `parameterMarkers`, n8n's markers on single parameters are left out: on a node opened again (no longer
	 * new) n8n marks every required field still empty, its usual way of asking for input.
	 */
	async parameterPanelRedFlags(options: { parameterMarkers: boolean } = { parameterMarkers: true }): Promise<string[]> {
		const found = await this.page.$eval(NDV, (ndv, parameterMarkers) => {
			const texts = [(ndv as HTMLElement).innerText, ...Array.from(ndv.querySelectorAll('input, textarea')).map((input) => `${(input as HTMLInputElement).value} ${(input as HTMLInputElement).placeholder}`)];
			const issues = Array.from(parameterMarkers ? ndv.querySelectorAll('[data-test-id="parameter-issues"]') : [])
				.filter((element) => (element as HTMLElement).offsetParent !== null)
				.map((element) => {
					const item = element.closest('[data-test-id="parameter-item"]');
					const label = item?.querySelector('label')?.textContent?.trim() ?? '?';
					return `red issue marker on "${label}": ${(element as HTMLElement).innerText || element.getAttribute('title') || ''}`.trim();
				});
			// A credential field n8n marks (red border and warning sign) when its credential is missing or unusable.
			const credentialIssues = Array.from(ndv.querySelectorAll('[data-test-id="node-credentials-slot"]'))
				.filter((slot) => /hasIssues/.test(slot.querySelector('[data-test-id="node-credentials-select"]')?.className ?? ''))
				.map((slot) => {
					const label = slot.querySelector('[data-test-id="credentials-label"] label') ?? slot.querySelector('[data-test-id="credentials-label"]');
					return `red issue marker on the credential field "${(label as HTMLElement | null)?.innerText.split('\n')[0].trim() ?? '?'}"`;
				});
			return { texts, issues: [...issues, ...credentialIssues] };
		}, options.parameterMarkers);
		const fetchErrors = found.texts.flatMap((text) => text.split('\n')).filter((line) => FETCH_ERROR.test(line)).map((line) => `"${line.trim()}"`);
		const toasts = await this.errorToasts();
		return [...new Set(fetchErrors)].concat(found.issues, toasts);
	}

	/** Closes n8n's pop-ups ("Node executed successfully", …) so they do not cover a screenshot. */
	async dismissToasts(): Promise<void> {
		for (const close of await this.page.$$('.el-notification .el-notification__closeBtn')) await close.click().catch(() => undefined);
		await this.page.waitForFunction(() => !document.querySelector('.el-notification'), { timeout: 10_000, polling: 100 }).catch(() => undefined);
	}

	/** n8n's error pop-ups (bottom right) that are showing. */
	async errorToasts(): Promise<string[]> {
		return await this.page.$$eval('.el-notification', (toasts) =>
			toasts
				.filter((toast) => (toast as HTMLElement).offsetParent !== null && /error/i.test(toast.className + (toast.querySelector('[class*="error"]') ? ' error' : '')))
				.map((toast) => `error pop-up: ${(toast as HTMLElement).innerText.replace(/\s+/g, ' ').trim()}`),
		);
	}

	/**
	 * The credential fields at the top of the open parameter panel: their label, what they show, and whether
	 * a saved credential is chosen (n8n then offers its pen "edit credential" button).
	 */
	async credentialSlots(): Promise<CredentialSlot[]> {
		return await this.page.$$eval(`${NDV} ${testId('node-credentials-slot')}`, (slots) =>
			slots.map((slot) => {
				const label = slot.querySelector('[data-test-id="credentials-label"] label') ?? slot.querySelector('[data-test-id="credentials-label"]');
				return {
					label: (label as HTMLElement | null)?.innerText.split('\n')[0].trim() ?? '',
					shows: (slot.querySelector('[data-test-id="node-credentials-select"]') as HTMLElement | null)?.innerText.trim() ?? '',
					chosen: !!slot.querySelector('[data-test-id="credential-edit-button"]'),
				};
			}),
		);
	}

	/**
	 * What a seller does with a credential field n8n left empty: opens its list and clicks the first saved
	 * credential (not "Create new credential"). Returns the labels of the fields it filled.
	 */
	async chooseCredentialsLeftEmpty(): Promise<string[]> {
		const filled: string[] = [];
		const slots = await this.page.$$(`${NDV} ${testId('node-credentials-slot')}`);
		for (const [index, slot] of slots.entries()) {
			if (await slot.$(testId('credential-edit-button'))) continue;
			const label = (await this.credentialSlots())[index].label;
			await (await slot.$(testId('node-credentials-select')))!.click();
			// Every field has its own list (the others stay in the page, hidden): the visible one is this field's.
			const option = await this.page
				.waitForFunction(
					(selector: string) => Array.from(document.querySelectorAll<HTMLElement>(selector)).find((element) => element.offsetParent !== null),
					{ timeout: UI_TIMEOUT_MS, polling: 50 },
					SAVED_CREDENTIAL_OPTION,
				)
				.catch(() => {
					throw new Error(`the list of the credential field "${label}" offers no saved credential`);
				});
			await (option.asElement() as ElementHandle<Element>).click();
			await this.page.waitForFunction(
				(element: Element, selector: string) =>
					!!element.querySelector('[data-test-id="credential-edit-button"]') &&
					!Array.from(document.querySelectorAll(selector)).some((option) => (option as HTMLElement).offsetParent !== null),
				{ timeout: UI_TIMEOUT_MS, polling: 50 },
				slot,
				SAVED_CREDENTIAL_OPTION,
			);
			filled.push(label);
		}
		await this.waitUntilSettled();
		return filled;
	}

	/** Opens the parameter panel of the node of `type` on the canvas (a double click, as a seller does). */
	async openNodeOnCanvas(type: string): Promise<void> {
		await this.page.click(`${testId('canvas-node')}[data-node-type="${type}"]`, { count: 2 });
		await this.page.waitForSelector(NDV, { visible: true, timeout: UI_TIMEOUT_MS });
		await this.waitUntilSettled();
	}

	/** Parameter labels shown in the open parameter panel, by parameter name (`label for=`). */
	async parameterLabels(): Promise<Map<string, string>> {
		const pairs = await this.page.$$eval(`${NDV} ${testId('node-parameters')} label[for]`, (labels) =>
			labels.map((label) => [label.getAttribute('for') ?? '', (label.querySelector('span') ?? label).textContent?.replace(/\s*\*\s*$/, '').trim() ?? ''] as [string, string]),
		);
		return new Map(pairs.filter(([name, text]) => name && text));
	}

	/** The name of the node whose parameter panel is open. */
	async openNodeName(): Promise<string> {
		return await this.page.$eval(`${NDV} ${testId('node-title-container')} [title]`, (element) => element.getAttribute('title') ?? '');
	}

	async closeParameterPanel(): Promise<void> {
		await this.page.click(`${NDV} ${testId('ndv-close-button')}`);
		await this.page.waitForSelector(NDV, { hidden: true, timeout: UI_TIMEOUT_MS });
	}

	/** The issues a node's red marker on the canvas lists (on hover), or undefined when it has none. */
	async canvasIssues(type: string): Promise<string[] | undefined> {
		const marker = await this.page.$(`${testId('canvas-node')}[data-node-type="${type}"] ${testId('node-issues')}`);
		if (!marker) return undefined;
		await marker.hover();
		const tooltip = await this.page
			.waitForFunction(
				() =>
					Array.from(document.querySelectorAll('[data-reka-popper-content-wrapper], [role="tooltip"]'))
						.map((element) => (element as HTMLElement).innerText.trim())
						.find((text) => /^Issues/.test(text)),
				{ timeout: 5000, polling: 100 },
			)
			.then((handle) => handle.jsonValue())
			.catch(() => undefined);
		if (!tooltip) return ['red marker (its list of issues could not be read)'];
		return tooltip
			.split('\n')
			.slice(1)
			.map((line) => line.replace(/^\s*-\s*/, '').trim())
			.filter(Boolean);
	}

	/** Clicks "Execute step" in the open parameter panel; resolves with the item count n8n shows for the output. */
	async executeStep(timeoutMs = 120_000): Promise<number> {
		await this.page.click(`${NDV} ${testId('node-execute-button')}`);
		const outcome = await this.page.waitForSelector(
			`${NDV} ${testId('output-panel')} ${testId('ndv-items-count')}, ${NDV} ${testId('output-panel')} ${testId('node-error-message')}, ${NDV} ${testId('output-panel')} [data-test-id^="node-run-status-"]:not([data-test-id="node-run-status-success"])`,
			{ visible: true, timeout: timeoutMs },
		);
		const text = await outcome!.evaluate((element) => (element as HTMLElement).innerText);
		const count = /(\d+)\s+items?/.exec(text);
		if (!count) throw new Error(`"Execute step" did not end with items: the output pane says ${JSON.stringify((await this.outputPaneText()).slice(0, 500))}`);
		return Number(count[1]);
	}

	/** Drags the parameter panel towards the input pane (as a person would) so the output table shows more columns. */
	async widenOutputPane(): Promise<void> {
		const handle = await (await this.page.$(`${NDV} ${testId('panel-drag-button')}`))?.boundingBox();
		const input = await (await this.page.$(`${NDV} ${testId('ndv-input-panel')}`))?.boundingBox();
		if (!handle || !input) return; // a trigger has no input pane: the output already has the room
		const y = handle.y + handle.height / 2;
		await this.page.mouse.move(handle.x + handle.width / 2, y);
		await this.page.mouse.down();
		await this.page.mouse.move(handle.x + handle.width / 2 - input.width, y, { steps: 10 });
		await this.page.mouse.up();
		await this.page.waitForFunction(
			(width: number) => ((document.querySelector('[data-test-id="ndv-input-panel"]') as HTMLElement | null)?.getBoundingClientRect().width ?? 0) < width,
			{ timeout: UI_TIMEOUT_MS, polling: 50 },
			input.width,
		);
	}

	async outputPaneText(): Promise<string> {
		return await this.page.$eval(`${NDV} ${testId('output-panel')}`, (element) => (element as HTMLElement).innerText);
	}

	/** The smallest box around the elements matched by `selectors` (each its first match), inside the viewport. */
	async boxAround(selectors: readonly string[]): Promise<BoundingBox> {
		const boxes: BoundingBox[] = [];
		for (const selector of selectors) {
			const box = await (await this.page.$(selector))?.boundingBox();
			if (!box) throw new Error(`nothing to frame: ${selector} is not on the page`);
			boxes.push(box);
		}
		const viewport = this.page.viewport() ?? VIEWPORT;
		const left = Math.max(0, Math.min(...boxes.map((box) => box.x)));
		const top = Math.max(0, Math.min(...boxes.map((box) => box.y)));
		const right = Math.min(viewport.width, Math.max(...boxes.map((box) => box.x + box.width)));
		const bottom = Math.min(viewport.height, Math.max(...boxes.map((box) => box.y + box.height)));
		return { x: left, y: top, width: right - left, height: bottom - top };
	}

	/** The node panel down to its last entry (not the empty space below a short list). */
	async nodePanelBox(): Promise<BoundingBox> {
		const panel = await this.boxAround([PANEL]);
		const entries = await this.page.$$(`${PANEL} ${testId('item-iterator-item')}`);
		const last = entries.length ? await entries[entries.length - 1].boundingBox() : null;
		if (!last) return panel;
		return { ...panel, height: Math.min(panel.height, last.y + last.height + 16 - panel.y) };
	}

	/** Saves a PNG of the page, or of `clip` only. */
	async screenshot(file: string, clip?: BoundingBox): Promise<void> {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		await this.page.screenshot({ path: file as `${string}.png`, ...(clip ? { clip } : {}) });
	}

	async close(): Promise<void> {
		await this.page.close({ runBeforeUnload: false });
	}
}

export const SELECTORS = {
	panel: PANEL,
	ndv: NDV,
	parameters: `${NDV} ${testId('node-parameters')}`,
	parameterTabs: `${NDV} ${testId('tab-params')}`,
	executeButton: `${NDV} ${testId('node-execute-button')}`,
	outputPanel: `${NDV} ${testId('output-panel')}`,
};
