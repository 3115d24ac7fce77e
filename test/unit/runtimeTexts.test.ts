/**
 * Every text ACORN writes at run time for a person (error messages and their advice, execution hints,
 * credential-test results) is written with the `tr` tag, so that it is Chinese with ACORN_LANGUAGE=zh-CN.
 * i18n.test.ts then checks that each tr text has a Chinese entry; this test finds the texts that are not
 * tr texts at all. How the texts are traced: test/helpers/runtimeTextSites.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ZH_CN } from '../../nodes/sp-api/i18n/zh-CN';
import { CALLED_SITES, CONSTRUCTED_SITES, packageSourceFiles, RuntimeTextAnalysis, type Finding } from '../helpers/runtimeTextSites';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Texts that reach such a place and stay English on purpose, each with the reason. Matched by file and
 * the beginning of the text as written. (Log lines for the person running n8n are not such places: they
 * stay English, like n8n's own logs. AWS's words in SqsError.message are not checked: they are AWS's.)
 */
const ALLOWED: ReadonlyArray<{ file: string; starts: string; why: string }> = [
	// guards of the exact-money code: every amount a seller types is checked (in their language) before it gets here
	{ file: 'nodes/sp-api/money.ts', starts: '`Not a finite amount', why: 'internal guard: numbers are checked by the node first' },
	{ file: 'nodes/sp-api/money.ts', starts: '`Not a decimal amount', why: 'internal guard: amounts are checked by the node first' },
	{ file: 'nodes/sp-api/money.ts', starts: "'rescale would lose digits'", why: 'internal guard of the decimal arithmetic' },
	{ file: 'nodes/sp-api/money.ts', starts: '`Not a whole number', why: 'internal guard of the decimal arithmetic' },
	{ file: 'nodes/sp-api/money.ts', starts: '`${m.amount} ${m.currency} has more decimals', why: 'internal guard: amounts are rounded to the currency before' },
	{ file: 'nodes/sp-api/reports/accountHealth.ts', starts: '`unknown account health metric', why: 'internal: a key of ACORN\'s own metric table' },
	{ file: 'nodes/sp-api/reports/document.ts', starts: '`report document ${ref.reportDocumentId} was already read', why: 'internal: a programming error (a download read twice)' },
	{ file: 'nodes/sp-api/sharing/redis.ts', starts: '`no answer within', why: 'operator: a Redis timeout, logged and answered by the fallback to local limits' },
];

function allowed(finding: Finding): boolean {
	return ALLOWED.some((entry) => finding.where.startsWith(`${entry.file}:`) && finding.text.startsWith(entry.starts));
}

describe('run-time texts a person reads are written with tr', () => {
	const report = new RuntimeTextAnalysis(ROOT, packageSourceFiles(ROOT, ['nodes', 'credentials']), new Set(Object.keys(ZH_CN))).run();

	it('finds the places that show texts (so that it cannot pass by finding none)', () => {
		// the error classes, execution hints and credential tests of every node: several hundred places
		expect(report.sites.length).toBeGreaterThan(300);
		const kinds = new Set(report.sites.map((site) => site.split(' ').slice(1).join(' ')));
		// every kind of place is met (NodeApiError and TypeError are checked should ACORN ever build them itself)
		for (const name of Object.keys(CONSTRUCTED_SITES).filter((name) => !['NodeApiError', 'TypeError'].includes(name))) expect(kinds).toContain(`new ${name}`);
		expect(report.sites.filter((site) => site.endsWith(' new InputError')).length).toBeGreaterThan(100);
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

describe('the trace of run-time texts (on a small made-up package)', () => {
	// Each untagged text below reaches a shown place by another road; the tagged ones and the values must pass.
	const files: Record<string, string> = {
		'a.ts': [
			"import { tr, translateText } from './translate';",
			"import { describeNothing } from './b';",
			'function fail(message: string) {',
			"\treturn { status: 'Error', message };",
			'}',
			'export function check(value: string, node: unknown, kind: string) {',
			"\tif (!value) throw new InputError('Direct English words.');",
			"\tif (value === 'x') throw new InputError(tr`Tagged English words.`);",
			"\tconst why = value === 'y' ? 'reason in a variable' : tr`tagged reason`;",
			'\tif (value === "z") throw new InputError(tr`Refused: ${why} (${value})`);',
			"\tconst TABLE: Record<string, string> = { a: 'value of a table', b: tr`tagged table value` };",
			'\tif (kind) throw new NodeOperationError(node, TABLE[kind]);',
			"\tif (kind === 'label') throw new InputError(tr`\"${translateText('Not A Table Key')}\" is empty.`);",
			"\tif (kind === 'known') throw new InputError(tr`\"${translateText('Known Label')}\" is empty.`);",
			"\treturn fail('credential test words');",
			'}',
			'function hinted(hint: string) {',
			"\treturn new SpApiError({ kind: 'http', message: tr`tagged message`, hint });",
			'}',
			"hinted('handed over as a parameter');",
			'export function joined() {',
			"\tconst parts = ['first part words'];",
			"\tparts.push(tr`tagged part`, 'pushed part words');",
			"\treturn new ReportError({ kind: 'parse', message: parts.join(' ') });",
			'}',
			'export function switched(kind: string) {',
			'\tlet hint: string;',
			'\tswitch (kind) {',
			"\t\tcase 'a':",
			"\t\t\thint = 'assigned in a switch';",
			'\t\t\tbreak;',
			'\t\tdefault:',
			'\t\t\thint = tr`tagged default`;',
			'\t}',
			"\treturn new SqsError({ kind, action: 'x', message: 'AWS words stay as they are', hint });",
			'}',
			'export function empty(context: object) {',
			'\texplainEmptyResult(context, describeNothing(3));',
			'}',
		].join('\n'),
		'b.ts': ['export function describeNothing(count: number): string {', '\treturn `returned from another file (${count} checked)`;', '}'].join('\n'),
		'translate.ts': 'export const tr = (s: TemplateStringsArray, ...v: unknown[]) => s.join(""); export const translateText = (s: string) => s;',
	};
	let dir: string;

	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-runtime-texts-'));
		for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('finds every untagged text, whichever way it travels, and nothing else', () => {
		const report = new RuntimeTextAnalysis(dir, Object.keys(files).map((name) => path.join(dir, name)), new Set(['Known Label'])).run();
		const found = report.untagged.map((finding) => finding.text).sort();
		expect(found).toEqual(
			[
				"'Direct English words.'",
				"'reason in a variable'",
				"'value of a table'",
				"'Not A Table Key'",
				"'credential test words'",
				"'handed over as a parameter'",
				"'first part words'",
				"'pushed part words'",
				"'assigned in a switch'",
				'`returned from another file (${count} checked)`',
			].sort(),
		);
		expect(report.untagged.find((finding) => finding.text === "'Not A Table Key'")?.site).toContain('no table entry');
	});
});
