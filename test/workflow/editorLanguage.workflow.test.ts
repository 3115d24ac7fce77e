/**
 * The built package loaded by n8n-core's PackageDirectoryLoader (what n8n 2.41 does at start-up) with
 * and without ACORN_LANGUAGE=zh-CN: the node types n8n hands its editor carry Chinese names, subtitles
 * and docs links into README.zh-CN.md — the description's own codex wins over the codex file, which
 * n8n reads only when a description has none — and stay English by default.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';
import { CHINESE_README_URL, REPOSITORY_URL } from '../../nodes/sp-api/i18n/docs';
import { loadAcornPackage, REPO_ROOT } from '../harness/n8nHarness';
import { withLanguage } from '../helpers/language';

async function loadWithLanguage(language: string | undefined): Promise<PackageDirectoryLoader> {
	await loadAcornPackage(); // fails early with a clear message when dist/ is not built
	const loader = new PackageDirectoryLoader(REPO_ROOT);
	await withLanguage(language, async () => loader.loadAll());
	return loader;
}

const codexFile = JSON.parse(readFileSync(join(REPO_ROOT, 'nodes/AmazonSpApiRefunds/AmazonSpApiRefunds.node.json'), 'utf8')) as {
	categories: string[];
	alias: string[];
};

describe('what n8n hands its editor', () => {
	it('is Chinese with ACORN_LANGUAGE=zh-CN, docs links included', async () => {
		const loader = await loadWithLanguage('zh-CN');
		const refunds = loader.types.nodes.find((node) => node.name === 'amazonSpApiRefunds')!;
		expect(refunds.displayName).toBe('亚马逊 SP-API 退款');
		expect(refunds.defaults.name).toBe('亚马逊退款');
		expect(refunds.subtitle).toContain('"refund:getMany":"获取退款"');
		expect(refunds.codex).toEqual({
			categories: codexFile.categories,
			alias: codexFile.alias,
			resources: {
				primaryDocumentation: [{ url: `${CHINESE_README_URL}#refunds-节点退款` }],
				credentialDocumentation: [{ url: `${CHINESE_README_URL}#获取亚马逊凭证每个地区一次` }],
			},
		});
		for (const node of loader.types.nodes) {
			expect(node.displayName).toMatch(/^亚马逊 SP-API /);
			expect(node.codex?.resources?.primaryDocumentation?.[0].url).toMatch(new RegExp(`^${CHINESE_README_URL}#`));
		}
		const credential = loader.types.credentials.find((type) => type.name === 'amazonSpApi')!;
		expect(credential.displayName).toBe('亚马逊 SP-API');
		expect(credential.documentationUrl).toBe(`${CHINESE_README_URL}#获取亚马逊凭证每个地区一次`);
		expect(credential.properties.find((field) => field.name === 'clientId')?.displayName).toBe('LWA 客户端 ID');
	});

	it('is English by default, with the codex read from the codex file', async () => {
		const loader = await loadWithLanguage(undefined);
		const refunds = loader.types.nodes.find((node) => node.name === 'amazonSpApiRefunds')!;
		expect(refunds.displayName).toBe('Amazon SP-API Refunds');
		expect(refunds.subtitle).toContain('"refund:getMany":"Get refunds"');
		expect(refunds.codex?.resources?.primaryDocumentation).toEqual([{ url: `${REPOSITORY_URL}#refunds-node` }]);
		expect(refunds.codex?.alias).toEqual(codexFile.alias);
		expect(loader.types.credentials.find((type) => type.name === 'amazonSpApi')?.documentationUrl).toBe(
			`${REPOSITORY_URL}#get-your-amazon-credentials-once-per-region`,
		);
	});
});
