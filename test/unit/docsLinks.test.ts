/**
 * What the editor links to and names exists in the README a seller reads: every docs link of a node
 * (its codex), of a credential (documentationUrl) and inside a description points at a real heading
 * (GitHub's anchor rules, Chinese headings included) — of README.md in English, of README.zh-CN.md with
 * ACORN_LANGUAGE=zh-CN — and the credential's field names are the ones the README's table lists.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHINESE_README_ANCHORS, CHINESE_README_URL, localizedDocsUrl, REPOSITORY_URL, type CodexFile } from '../../nodes/sp-api/i18n/docs';
import { translateText, visitDescriptionTexts } from '../../nodes/sp-api/i18n/translate';
import { instancesOf, PACKAGE_N8N, withLanguage } from '../helpers/language';
import { anchorOf, anchorsOf, headings, tableAfter } from '../helpers/markdown';

const ROOT = path.resolve(__dirname, '..', '..');
const packageJson = { n8n: PACKAGE_N8N };
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

type Instance = { description?: { name: string; codex?: CodexFile }; name?: string; documentationUrl?: string; displayName?: string; properties?: unknown[] };

function instancesIn(language: string | undefined, files: string[]): Instance[] {
	return withLanguage(language, () => instancesOf<Instance>(files).map(([, instance]) => instance));
}

/** A link into this repository as file + anchor, or undefined for any other address. */
function repositoryTarget(url: string): { file: string; anchor?: string } | undefined {
	if (!url.startsWith(REPOSITORY_URL)) return undefined;
	if (url.startsWith(`${REPOSITORY_URL}#`)) return { file: 'README.md', anchor: url.slice(REPOSITORY_URL.length + 1) };
	const match = /^\/blob\/main\/([^#]+)(?:#(.+))?$/.exec(url.slice(REPOSITORY_URL.length));
	return match ? { file: match[1], anchor: match[2] && decodeURIComponent(match[2]) } : { file: `(unreadable link ${url})` };
}

/** Why a repository link does not resolve, or undefined when it does. */
function deadReason(url: string): string | undefined {
	const target = repositoryTarget(url);
	if (!target) return `${url} is not a link into the repository`;
	if (!fs.existsSync(path.join(ROOT, target.file))) return `${url}: no file ${target.file}`;
	if (target.anchor !== undefined && !anchorsOf(read(target.file)).has(target.anchor)) return `${url}: no heading #${target.anchor} in ${target.file}`;
	return undefined;
}

function codexLinks(codex: CodexFile | undefined): string[] {
	return [...(codex?.resources?.primaryDocumentation ?? []), ...(codex?.resources?.credentialDocumentation ?? [])].map((link) => link.url);
}

/** Addresses of this repository written inside person-readable texts (href="…" or plain). */
function linksInTexts(instance: Instance): string[] {
	const found: string[] = [];
	const shown = instance.description ?? { displayName: instance.displayName, properties: instance.properties };
	visitDescriptionTexts(JSON.parse(JSON.stringify(shown)), (text) => {
		for (const match of text.matchAll(/https:\/\/github\.com\/acorn-sp-api\/n8n-nodes-acorn[^\s"'<>)]*/g)) found.push(match[0]);
		return text;
	});
	return found;
}

const codexFiles = packageJson.n8n.nodes.map((file) => file.replace(/^dist\//, '').replace(/\.js$/, '.json'));

describe.each([
	['English', undefined, 'README.md'],
	['Chinese', 'zh-CN', 'README.zh-CN.md'],
] as const)('docs links in %s', (_name, language, readme) => {
	const nodes = instancesIn(language, packageJson.n8n.nodes);
	const credentials = instancesIn(language, packageJson.n8n.credentials);

	it(`every node's and credential's docs link is a heading of ${readme}`, () => {
		// In English n8n reads the codex files; in Chinese each description carries its own codex (n8n prefers it).
		const links =
			language === undefined
				? codexFiles.flatMap((file) => codexLinks(JSON.parse(read(file)) as CodexFile))
				: nodes.flatMap((node) => codexLinks(node.description?.codex));
		const all = [...links, ...credentials.map((credential) => credential.documentationUrl ?? '(no documentationUrl)')];
		expect(links.length).toBe(2 * nodes.length);
		expect(all.map(deadReason).filter(Boolean)).toEqual([]);
		expect(all.filter((url) => repositoryTarget(url)?.file !== readme)).toEqual([]);
	});

	it('every link into the repository inside a description resolves, in the README of the language', () => {
		const links = [...nodes, ...credentials].flatMap(linksInTexts);
		expect(links.length).toBeGreaterThan(0);
		expect(links.map(deadReason).filter(Boolean)).toEqual([]);
		expect(links.filter((url) => repositoryTarget(url)?.file !== readme)).toEqual([]);
	});
});

describe('the Chinese README sections the links switch to', () => {
	const english = headings(read('README.md'), 2);
	const chinese = headings(read('README.zh-CN.md'), 2);

	it.each(Object.entries(CHINESE_README_ANCHORS))('#%s is the same section as #%s of README.zh-CN.md', (englishAnchor, chineseAnchor) => {
		const index = english.findIndex((heading) => anchorOf(heading) === englishAnchor);
		expect(index).toBeGreaterThanOrEqual(0);
		expect(anchorOf(chinese[index])).toBe(chineseAnchor);
	});

	it('switches README links only, and only in Chinese', () => {
		expect(localizedDocsUrl(`${REPOSITORY_URL}#refunds-node`, 'zh-CN')).toBe(`${CHINESE_README_URL}#refunds-节点退款`);
		expect(localizedDocsUrl(`${REPOSITORY_URL}#refunds-node`, 'en')).toBe(`${REPOSITORY_URL}#refunds-node`);
		expect(localizedDocsUrl('https://docs.n8n.io/code/expressions/', 'zh-CN')).toBe('https://docs.n8n.io/code/expressions/');
	});
});

describe('credential field names match the README', () => {
	const [spApi] = instancesIn(undefined, ['dist/credentials/AmazonSpApi.credentials.js']);
	type Field = { displayName: string; type: string; displayOptions?: unknown };
	const fields = (spApi.properties as Field[]).filter((field) => field.type !== 'notice');
	// The README's table lists the fields shown on a new credential (the custom endpoints appear only when switched on).
	const shownFirst = fields.filter((field) => !field.displayOptions).map((field) => field.displayName);

	it('README.md names each field as the English form does ("LWA Client ID")', () => {
		const names = tableAfter(read('README.md'), 'Create the credential in n8n').map(([name]) => name);
		expect(names).toEqual(shownFirst);
		expect(names).toContain('LWA Client ID');
	});

	it('README.zh-CN.md names each field as the Chinese form does, with the English name in brackets', () => {
		const names = tableAfter(read('README.zh-CN.md'), '在 n8n 里创建凭证').map(([name]) => name);
		expect(names).toEqual(shownFirst.map((english) => `${translateText(english, 'zh-CN')}（${english}）`));
		expect(names).toContain('LWA 客户端 ID（LWA Client ID）');
	});
});
