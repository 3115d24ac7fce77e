/**
 * Every text ACORN writes at run time for a person (error messages and their advice, execution hints,
 * credential-test results) is written with the `tr` tag, so that it is Chinese with ACORN_LANGUAGE=zh-CN.
 * i18n.test.ts then checks that each tr text has a Chinese entry; this test finds the texts that are not
 * tr texts at all. How the texts are traced: test/helpers/runtimeTextSites.ts.
 */
import * as path from 'node:path';
import { ZH_CN } from '../../nodes/sp-api/i18n/zh-CN';
import { CALLED_SITES, CONSTRUCTED_SITES, packageSourceFiles, RuntimeTextAnalysis, type Finding } from '../helpers/runtimeTextSites';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Texts that reach such a place and stay English on purpose, each with the reason. Matched by file and
 * the beginning of the text as written.
 */
const ALLOWED: ReadonlyArray<{ file: string; starts: string; why: string }> = [];

function allowed(finding: Finding): boolean {
	return ALLOWED.some((entry) => finding.where.startsWith(`${entry.file}:`) && finding.text.startsWith(entry.starts));
}

describe('run-time texts a person reads are written with tr', () => {
	const report = new RuntimeTextAnalysis(ROOT, packageSourceFiles(ROOT, ['nodes', 'credentials']), new Set(Object.keys(ZH_CN))).run();

	it('finds the places that show texts (so that it cannot pass by finding none)', () => {
		// the error classes, execution hints and credential tests of every node: several hundred places
		expect(report.sites.length).toBeGreaterThan(300);
		const kinds = new Set(report.sites.map((site) => site.split(' ').slice(1).join(' ')));
		for (const name of Object.keys(CONSTRUCTED_SITES).filter((name) => !['NodeApiError', 'ThresholdError'].includes(name))) expect(kinds).toContain(`new ${name}`);
		for (const name of Object.keys(CALLED_SITES)) expect(kinds).toContain(name);
		expect(kinds).toContain('credential test result');
	});

	it('has no English text without tr at those places', () => {
		const untagged = report.untagged.filter((finding) => !allowed(finding)).map((finding) => `${finding.where} [${finding.site}] ${finding.text}`);
		expect(untagged).toEqual([]);
	});

	it('keeps the allow-list honest: every allowed text is still written', () => {
		const unused = ALLOWED.filter((entry) => !report.untagged.some((finding) => finding.where.startsWith(`${entry.file}:`) && finding.text.startsWith(entry.starts)));
		expect(unused).toEqual([]);
	});
});
