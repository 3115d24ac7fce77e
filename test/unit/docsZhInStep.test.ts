import { existsSync, readFileSync, readdirSync } from 'fs';
import { dirname, join, normalize, relative } from 'path';
import { anchorOf, anchorsOf, headings, proseLines } from '../helpers/markdown';

// Keeps the Chinese docs in step with the English ones: same top-level structure, the same set-up
// commands, a Chinese guide for every English guide the README links, and no dead link or anchor.

const ROOT = join(__dirname, '..', '..');
const EN_GUIDES = 'docs/guides';
const ZH_GUIDES = 'docs/guides/zh-CN';

// Files another branch makes that may be missing until it lands; once a file exists it is checked like
// every other link. (docs/screenshots/*.png: `npm run screenshots`, committed.)
const PENDING_FILES = new Set<string>();

function read(path: string): string {
	return readFileSync(join(ROOT, path), 'utf8');
}

function fencedBlocks(markdown: string, language: string): string[] {
	const blocks: string[] = [];
	const pattern = new RegExp('^[ \\t]*```' + language + '\\n([\\s\\S]*?)^[ \\t]*```', 'gm');
	for (const match of markdown.matchAll(pattern)) blocks.push(match[1]);
	return blocks;
}

/** The commands of the first bash block, without their comments. */
function setupCommands(markdown: string): string[] {
	const [first] = fencedBlocks(markdown, 'bash');
	if (first === undefined) return [];
	return first
		.split('\n')
		.map((line) => line.replace(/#.*$/, '').trim())
		.filter((line) => line !== '');
}

interface Link {
	target: string; // repository-relative path, '' for a link into the same file
	anchor: string | undefined;
	written: string;
}

/** Relative links of a markdown file (web addresses and mail links are left out). */
function relativeLinks(path: string): Link[] {
	const links: Link[] = [];
	for (const line of proseLines(read(path))) {
		for (const match of line.matchAll(/\]\(([^)\s]+)\)/g)) {
			const written = match[1];
			if (/^[a-z]+:/i.test(written)) continue;
			const [file, anchor] = written.split('#', 2);
			const target = file === '' ? '' : relative(ROOT, normalize(join(ROOT, dirname(path), file))).split('\\').join('/');
			links.push({ target, anchor: anchor === undefined ? undefined : decodeURIComponent(anchor), written });
		}
	}
	return links;
}

function guideFiles(folder: string): string[] {
	return readdirSync(join(ROOT, folder))
		.filter((name) => name.endsWith('.md'))
		.sort();
}

const zhGuidePaths = guideFiles(ZH_GUIDES).map((name) => `${ZH_GUIDES}/${name}`);
const zhDocs = ['README.zh-CN.md', ...zhGuidePaths];

describe('Chinese README in step with the English one', () => {
	const en = read('README.md');
	const zh = read('README.zh-CN.md');

	it('has the same number of top-level sections', () => {
		expect(headings(en, 2).length).toBeGreaterThan(5);
		expect(headings(zh, 2).length).toBe(headings(en, 2).length);
	});

	it('shows the same two set-up commands first', () => {
		const commands = setupCommands(en);
		expect(commands).toHaveLength(2);
		expect(setupCommands(zh)).toEqual(commands);
	});

	it('links the Chinese counterpart of every guide the English README links', () => {
		const enGuides = relativeLinks('README.md')
			.map((link) => link.target)
			.filter((target) => target.startsWith(`${EN_GUIDES}/`) && !target.startsWith(`${ZH_GUIDES}/`));
		expect(enGuides.length).toBeGreaterThan(0);
		const zhTargets = new Set(relativeLinks('README.zh-CN.md').map((link) => link.target));
		for (const guide of new Set(enGuides)) {
			expect(zhTargets).toContain(guide.replace(`${EN_GUIDES}/`, `${ZH_GUIDES}/`));
		}
	});

	it('links each README to the other', () => {
		expect(relativeLinks('README.md').map((link) => link.target)).toContain('README.zh-CN.md');
		expect(relativeLinks('README.zh-CN.md').map((link) => link.target)).toContain('README.md');
	});
});

describe('Chinese guides', () => {
	const englishGuides = guideFiles(EN_GUIDES);

	it.each(englishGuides)('%s has a Chinese counterpart', (name) => {
		const zhPath = `${ZH_GUIDES}/${name}`;
		expect(existsSync(join(ROOT, zhPath))).toBe(true);
	});

	it.each(zhGuidePaths)('%s has the sections and tables of its English original', (zhPath) => {
		const enPath = zhPath.replace(`${ZH_GUIDES}/`, `${EN_GUIDES}/`);
		expect(existsSync(join(ROOT, enPath))).toBe(true);
		const en = read(enPath);
		const zhText = read(zhPath);
		expect(headings(zhText, 2).length).toBe(headings(en, 2).length);
		expect(headings(zhText, 3).length).toBe(headings(en, 3).length);
		const tableRows = (markdown: string) => proseLines(markdown).filter((line) => line.startsWith('|')).length;
		expect(tableRows(zhText)).toBe(tableRows(en));
		expect(fencedBlocks(zhText, '[a-z]*').length).toBe(fencedBlocks(en, '[a-z]*').length);
	});
});

describe('links in the Chinese docs', () => {
	it.each(zhDocs)('every relative link and anchor in %s resolves', (path) => {
		const links = relativeLinks(path);
		expect(links.length).toBeGreaterThan(0);
		const dead: string[] = [];
		for (const link of links) {
			const file = link.target === '' ? path : link.target;
			if (!existsSync(join(ROOT, file))) {
				if (PENDING_FILES.has(file)) continue;
				dead.push(`${link.written} (no file ${file})`);
				continue;
			}
			if (link.anchor !== undefined && file.endsWith('.md') && !anchorsOf(read(file)).has(link.anchor)) {
				dead.push(`${link.written} (no heading for #${link.anchor} in ${file})`);
			}
		}
		expect(dead).toEqual([]);
	});

	it('computes GitHub anchors for English and Chinese headings', () => {
		expect(anchorOf('Get your Amazon credentials (once per region)')).toBe('get-your-amazon-credentials-once-per-region');
		expect(anchorOf('Notifications: triggers and settings')).toBe('notifications-triggers-and-settings');
		expect(anchorOf('Enrich Refunds with Return Reasons：从亚马逊获取退货')).toBe('enrich-refunds-with-return-reasons从亚马逊获取退货');
		expect(anchorOf('Seller Account 节点（卖家账户）')).toBe('seller-account-节点卖家账户');
		expect(anchorOf('`Get Refunds`（获取退款）')).toBe('get-refunds获取退款');
	});
});
