/**
 * The Chinese table is complete and not stale: every English text a person can meet (node and
 * credential descriptions, run-time texts written with the `tr` tag) has an entry, every entry is still
 * written somewhere, and each entry keeps the placeholders of its English text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { currentLanguage } from '../../nodes/sp-api/i18n/language';
import { localizedNodeDescription, lookupKey, templateKey, tr, translateText, visitDescriptionTexts } from '../../nodes/sp-api/i18n/translate';
import { ZH_CN, ZH_CN_SECTIONS } from '../../nodes/sp-api/i18n/zh-CN';
import { MARKETPLACES } from '../../nodes/sp-api/marketplaces';
import { KNOWN_REPORT_TYPES, searchReportTypes } from '../../nodes/sp-api/reports';
import { getMarketplaces } from '../../nodes/sp-api/n8n/marketplaceOptions';
import { getReportTypes, searchReportTypes as searchReportTypesMethod } from '../../nodes/AmazonSpApiReports/methods/reportTypes';
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { instancesOf as instancesFrom, PACKAGE_N8N, sourceOf, withLanguage } from '../helpers/language';

const ROOT = path.resolve(__dirname, '..', '..');
const packageJson = { n8n: PACKAGE_N8N };

type Described = { description?: object; displayName?: string; properties?: unknown[] };
const instancesOf = (files: string[]) => instancesFrom<Described>(files);

/** What the editor shows of a node or credential, as data (the description, or the credential's fields). */
function shownPart(instance: Described): object {
	return instance.description ?? { displayName: instance.displayName, properties: instance.properties };
}

function descriptionTexts(): Map<string, string> {
	const found = new Map<string, string>();
	withLanguage('en', () => {
		for (const [name, instance] of [...instancesOf(packageJson.n8n.nodes), ...instancesOf(packageJson.n8n.credentials)]) {
			visitDescriptionTexts(JSON.parse(JSON.stringify(shownPart(instance))), (text) => {
				// "… (GET_FBA_REIMBURSEMENTS_DATA)" is looked up without the trailing Amazon code (translate.ts).
				if (!found.has(lookupKey(text))) found.set(lookupKey(text), name);
				return text;
			});
		}
	});
	return found;
}

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'i18n' ? [] : sourceFiles(full);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
	});
}

/** Every tr`…` in the package's source, by its table key. */
function taggedTexts(): Map<string, string> {
	const found = new Map<string, string>();
	for (const file of [...sourceFiles(path.join(ROOT, 'nodes')), ...sourceFiles(path.join(ROOT, 'credentials'))]) {
		const text = fs.readFileSync(file, 'utf8');
		if (!text.includes('tr`')) continue;
		const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
		const visit = (node: ts.Node): void => {
			if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'tr') {
				const template = node.template;
				const parts = ts.isNoSubstitutionTemplateLiteral(template)
					? [template.text]
					: [template.head.text, ...template.templateSpans.map((span) => span.literal.text)];
				const key = templateKey(parts);
				if (!found.has(key)) found.set(key, path.relative(ROOT, file));
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
	return found;
}

/**
 * Texts of option lists built at run time (loadOptions / listSearch methods), taken from the data tables
 * they come from: report types (name, category, description) and marketplaces (country). Run-time texts
 * with words around the data (e.g. "{0} · region {1}") are tr texts and found above.
 */
function runTimeOptionTexts(): Map<string, string> {
	const found = new Map<string, string>();
	for (const known of KNOWN_REPORT_TYPES) {
		for (const text of [known.name, known.category, known.description]) found.set(text, `report type ${known.type}`);
	}
	for (const marketplace of MARKETPLACES) found.set(marketplace.country, `marketplace ${marketplace.id}`);
	return found;
}

const placeholders = (text: string): string[] => (text.match(/\{\d+\}/g) ?? []).sort();

describe('Chinese (zh-CN) translations', () => {
	const used = new Map([...descriptionTexts(), ...taggedTexts(), ...runTimeOptionTexts()]);

	it('has an entry for every English text a person can meet', () => {
		const missing = [...used].filter(([text]) => !Object.prototype.hasOwnProperty.call(ZH_CN, text)).map(([text, where]) => `${where}: ${JSON.stringify(text)}`);
		expect(missing).toEqual([]);
	});

	it('has no stale entries (English texts that are no longer written anywhere)', () => {
		expect(Object.keys(ZH_CN).filter((key) => !used.has(key))).toEqual([]);
	});

	it('defines each key in one section only, keeps the placeholders and never leaves an entry empty', () => {
		const seen = new Map<string, string>();
		const problems: string[] = [];
		for (const [section, entries] of Object.entries(ZH_CN_SECTIONS)) {
			for (const [english, chinese] of Object.entries(entries)) {
				if (seen.has(english)) problems.push(`${JSON.stringify(english)} in ${seen.get(english)} and ${section}`);
				seen.set(english, section);
				if (!chinese.trim()) problems.push(`${JSON.stringify(english)} is empty in ${section}`);
				if (placeholders(english).join() !== placeholders(chinese).join()) problems.push(`${JSON.stringify(english)}: placeholders differ`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('is chosen by ACORN_LANGUAGE (or a Chinese N8N_DEFAULT_LOCALE) and English stays the default', () => {
		expect(currentLanguage({})).toBe('en');
		expect(currentLanguage({ ACORN_LANGUAGE: 'zh-CN' })).toBe('zh-CN');
		expect(currentLanguage({ ACORN_LANGUAGE: 'zh_CN' })).toBe('zh-CN');
		expect(currentLanguage({ ACORN_LANGUAGE: 'zh' })).toBe('zh-CN');
		expect(currentLanguage({ ACORN_LANGUAGE: 'en' })).toBe('en');
		expect(currentLanguage({ N8N_DEFAULT_LOCALE: 'zh-CN' })).toBe('zh-CN');
		expect(currentLanguage({ ACORN_LANGUAGE: 'en', N8N_DEFAULT_LOCALE: 'zh-CN' })).toBe('en');
		expect(withLanguage('zh-CN', () => translateText('Return All'))).toBe(ZH_CN['Return All']);
		expect(withLanguage(undefined, () => translateText('Return All'))).toBe('Return All');
	});

	it('fills the values of a tr text into the translated sentence, in the translation\'s order', () => {
		const sample = (a: string, b: number) => tr`Return All${a}${b}`;
		expect(withLanguage(undefined, () => sample('x', 2))).toBe('Return Allx2');
		expect(templateKey(['a ', ' b ', ''])).toBe('a {0} b {1}');
	});

	it('turns every node and credential Chinese when ACORN_LANGUAGE=zh-CN, without touching the English originals', () => {
		const english = withLanguage('en', () => instancesOf(packageJson.n8n.nodes).map(([, node]) => JSON.stringify(node.description)));
		const chinese = withLanguage('zh-CN', () => [...instancesOf(packageJson.n8n.nodes), ...instancesOf(packageJson.n8n.credentials)]);
		for (const [name, instance] of chinese) {
			const untranslated: string[] = [];
			visitDescriptionTexts(JSON.parse(JSON.stringify(shownPart(instance))), (text) => {
				if (Object.prototype.hasOwnProperty.call(ZH_CN, lookupKey(text)) && ZH_CN[lookupKey(text)] !== lookupKey(text)) untranslated.push(text);
				return text;
			});
			expect({ name, untranslated }).toEqual({ name, untranslated: [] });
		}
		const againEnglish = withLanguage('en', () => instancesOf(packageJson.n8n.nodes).map(([, node]) => JSON.stringify(node.description)));
		expect(againEnglish).toEqual(english);
		expect(localizedNodeDescription({ displayName: 'Limit' }, 'en')).toEqual({ displayName: 'Limit' });
	});
});

describe('Chinese in option lists built at run time', () => {
	const han = /\p{Script=Han}/u;
	// A load-options context before any credential is chosen: the marketplace picker then lists every store.
	const noCredential = { getCredentials: async () => Promise.reject(new Error('no credential')) } as unknown as ILoadOptionsFunctions;

	it('shows marketplaces and report types in Chinese when ACORN_LANGUAGE=zh-CN, and in English by default', async () => {
		for (const language of ['zh-CN', undefined]) {
			const names = await withLanguage(language, async () => [
				...(await getMarketplaces.call(noCredential)).map((option) => option.name),
				...(await getReportTypes.call(noCredential)).map((option) => option.name),
				...(await searchReportTypesMethod.call(noCredential)).results.map((option) => option.name),
			]);
			expect(names.length).toBe(MARKETPLACES.length + 2 * KNOWN_REPORT_TYPES.length);
			expect(names.filter((name) => han.test(name) !== (language === 'zh-CN'))).toEqual([]);
		}
		const germany = await withLanguage('zh-CN', async () => (await getMarketplaces.call(noCredential)).find((option) => option.value === 'A1PA6795UKMFR9'));
		expect(germany).toEqual({ name: '德国 (amazon.de, EUR)', value: 'A1PA6795UKMFR9', description: 'A1PA6795UKMFR9 · 地区 EU' });
	});

	it('lists report types readable name first, with the value unchanged', async () => {
		const english = await withLanguage(undefined, async () => getReportTypes.call(noCredential));
		const chinese = await withLanguage('zh-CN', async () => getReportTypes.call(noCredential));
		expect(english.find((option) => option.value === 'GET_FBA_REIMBURSEMENTS_DATA')?.name).toBe('FBA reimbursements · Returns & reimbursements');
		expect(chinese.find((option) => option.value === 'GET_FBA_REIMBURSEMENTS_DATA')?.name).toBe('FBA 赔偿 · 退货和赔偿');
		expect(chinese.map((option) => option.value)).toEqual(KNOWN_REPORT_TYPES.map((known) => known.type));
	});

	// n8n's options dropdown filters on the labels only (ParameterInput: el-select without filter-method),
	// so in Chinese a category word typed there must appear in the label of each type of that category.
	it.each([
		['退货', 'Returns & reimbursements'],
		['结算', 'Settlement'],
		['库存', 'Inventory'],
		['订单', 'Orders'],
	])('in Chinese, typing %s in the Get Many report type dropdown keeps every type of "%s"', async (word, category) => {
		const options = await withLanguage('zh-CN', async () => getReportTypes.call(noCredential));
		const kept = options.filter((option) => option.name.includes(word)).map((option) => option.value);
		expect(kept).toEqual(expect.arrayContaining(KNOWN_REPORT_TYPES.filter((known) => known.category === category).map((known) => known.type)));
	});

	// The Report Type field's list is searched by ACORN itself (listSearch), so Chinese words work in both languages.
	it.each([
		['退货', ['GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE'], 'GET_MERCHANT_LISTINGS_ALL_DATA'],
		['结算', ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', 'GET_V2_SETTLEMENT_REPORT_DATA_XML'], 'GET_AFN_INVENTORY_DATA'],
		['库存', ['GET_AFN_INVENTORY_DATA', 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', 'GET_LEDGER_DETAIL_VIEW_DATA'], 'GET_SELLER_FEEDBACK_DATA'],
		['广告', ['GET_V2_SETTLEMENT_REPORT_DATA_XML', 'GET_PROMOTION_PERFORMANCE_REPORT'], 'GET_AFN_INVENTORY_DATA'],
		['赔偿', ['GET_FBA_REIMBURSEMENTS_DATA'], 'GET_MERCHANT_LISTINGS_DATA'],
		['仓储费', ['GET_FBA_STORAGE_FEE_CHARGES_DATA', 'GET_FBA_FULFILLMENT_LONGTERM_STORAGE_FEE_CHARGES_DATA'], 'GET_FBA_REIMBURSEMENTS_DATA'],
		['退货 fba', ['GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA'], 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE'],
	])('the Report Type search finds %s in both languages', async (words, expected, notExpected) => {
		for (const language of ['zh-CN', undefined]) {
			const found = await withLanguage(language, async () => (await searchReportTypesMethod.call(noCredential, words)).results.map((result) => result.value));
			expect(found).toEqual(expect.arrayContaining(expected));
			expect(found).not.toContain(notExpected);
		}
		expect(searchReportTypes('returns fba').map((known) => known.type)).toContain('GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA');
	});
});


describe('the node panel finds ACORN by Chinese words', () => {
	// n8n's node panel searches the display name and the codex aliases; the aliases carry the Chinese
	// words in English too, and in Chinese the display names add theirs.
	const words: Record<string, string[]> = {
		AmazonSpApiSellers: ['亚马逊', '卖家', '店铺', '站点'],
		AmazonSpApiFinances: ['亚马逊', '财务', '结算', '交易'],
		AmazonSpApiSellerWallet: ['亚马逊', '钱包', '转账', '余额'],
		AmazonSpApiRefunds: ['亚马逊', '退款', '退货', '结算'],
		AmazonSpApiNewRefundTrigger: ['亚马逊', '退款', '触发器'],
		AmazonSpApiNotificationsTrigger: ['亚马逊', '通知', '退款', '触发器'],
		AmazonSpApiEventBridgeTrigger: ['亚马逊', '通知', '触发器'],
		AmazonSpApiNotifications: ['亚马逊', '通知', '订阅'],
		AmazonSpApiReports: ['亚马逊', '报告', '结算', '退货', '库存'],
	};

	it.each(Object.entries(words))('%s is found by %j in either language', (node, expected) => {
		const file = packageJson.n8n.nodes.find((candidate) => candidate.includes(`/${node}.node.js`))!;
		const codex = JSON.parse(fs.readFileSync(sourceOf(file).replace(/\.ts$/, '.json'), 'utf8')) as { alias: string[] };
		expect(codex.alias).toEqual(expect.arrayContaining(expected));
		const [[, chinese]] = withLanguage('zh-CN', () => instancesOf([file]));
		const searchable = [(chinese.description as { displayName: string }).displayName, ...codex.alias].join(' ');
		for (const word of expected) expect(searchable).toContain(word);
		expect((chinese.description as { displayName: string }).displayName).toMatch(/^亚马逊 SP-API /);
	});
});
