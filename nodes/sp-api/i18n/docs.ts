import { currentLanguage } from './language';

/**
 * Where the editor's "Docs" links go: a heading of README.md, or the same section of README.zh-CN.md
 * when ACORN speaks Chinese. test/unit/docsLinks.test.ts resolves every link against the READMEs'
 * real headings (GitHub's anchor rules) and checks that each pair below is the same section.
 */
export const REPOSITORY_URL = 'https://github.com/acorn-sp-api/n8n-nodes-acorn';
export const CHINESE_README_URL = `${REPOSITORY_URL}/blob/main/README.zh-CN.md`;

/** README.md anchor → the anchor of the same section in README.zh-CN.md. */
export const CHINESE_README_ANCHORS: Readonly<Record<string, string>> = {
	'get-your-amazon-credentials-once-per-region': '获取亚马逊凭证每个地区一次',
	'create-the-credential-in-n8n': '在-n8n-里创建凭证',
	'seller-account-node': 'seller-account-节点卖家账户',
	'finances-node': 'finances-节点财务',
	'refunds-node': 'refunds-节点退款',
	'new-refund-trigger': 'new-refund-trigger新退款触发器',
	'reports-node': 'reports-节点报告',
	'notifications-triggers-and-settings': '通知触发器和设置',
	'seller-wallet-node': 'seller-wallet-节点卖家钱包',
	'vendor-node': 'vendor-节点供应商',
};

/** A README link in the chosen language; any other address is returned as it is. */
export function localizedDocsUrl(url: string, language = currentLanguage()): string {
	if (language === 'en' || !url.startsWith(`${REPOSITORY_URL}#`)) return url;
	const chinese = CHINESE_README_ANCHORS[url.slice(REPOSITORY_URL.length + 1)];
	return chinese === undefined ? url : `${CHINESE_README_URL}#${chinese}`;
}

type DocumentationLinks = Array<{ url: string }>;

/** A node's codex file (`<Node>.node.json`), as n8n reads it. */
export interface CodexFile {
	categories?: string[];
	subcategories?: Record<string, string[]>;
	alias?: string[];
	resources?: { primaryDocumentation?: DocumentationLinks; credentialDocumentation?: DocumentationLinks };
}

/**
 * The codex for the chosen language, or undefined in English. n8n 2.41 reads a community node's codex
 * file only when the node's description has no `codex` of its own (n8n-core DirectoryLoader.addCodex),
 * so a Chinese description carries this copy with its docs links on README.zh-CN.md; in English n8n
 * reads the file unchanged.
 */
export function localizedCodex(codex: CodexFile, language = currentLanguage()): CodexFile | undefined {
	if (language === 'en') return undefined;
	const links = (list: DocumentationLinks | undefined) => list?.map((link) => ({ url: localizedDocsUrl(link.url, language) }));
	return {
		...(codex.categories && { categories: codex.categories }),
		...(codex.subcategories && { subcategories: codex.subcategories }),
		...(codex.alias && { alias: codex.alias }),
		resources: {
			primaryDocumentation: links(codex.resources?.primaryDocumentation),
			credentialDocumentation: links(codex.resources?.credentialDocumentation),
		},
	};
}
