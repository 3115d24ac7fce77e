/**
 * What `npm pack` puts in the tarball n8n installs: everything n8n loads (package.json `n8n` section,
 * icons, codex files), the docs, and nothing else: no tests, emulator, benchmarks, scripts, examples,
 * TypeScript sources, source maps or secrets. Needs `npm run build` first (`npm test` does it).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

interface PackInfo {
	filename: string;
	size: number;
	unpackedSize: number;
	entryCount: number;
	files: Array<{ path: string; size: number }>;
}

interface PackageJson {
	name: string;
	main?: string;
	n8n: { nodes: string[]; credentials: string[] };
	files: string[];
}

function packDryRun(): PackInfo {
	const stdout = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	return (JSON.parse(stdout) as PackInfo[])[0];
}

/** Strings that must never ship: fixture secrets of the emulator, token shapes, key material. */
const SECRET_PATTERNS: Array<[string, RegExp]> = [
	['an LWA refresh token', /Atzr\|[A-Za-z0-9_-]{20,}/],
	['an LWA access token', /Atza\|[A-Za-z0-9_-]{20,}/],
	['an emulator fixture secret', /emulator-(secret|refresh)-/],
	['an LWA client secret', /amzn1\.oa2-cs\.v1\.[a-f0-9]{20,}/],
	['a Slack token', /xox[bpa]-[0-9A-Za-z-]{10,}/],
	['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
	['an AWS access key id', /\bAKIA[0-9A-Z]{16}\b/],
];

describe('the npm tarball', () => {
	const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
	let info: PackInfo;
	let files: string[];

	beforeAll(() => {
		const missing = [...packageJson.n8n.nodes, ...packageJson.n8n.credentials].filter((file) => !fs.existsSync(path.join(REPO_ROOT, file)));
		if (missing.length) throw new Error(`Build first (npm run build): ${missing.join(', ')} missing`);
		info = packDryRun();
		files = info.files.map((file) => file.path);
	}, 60_000);

	it('contains every node and credential n8n is told to load, with icons and codex files', () => {
		for (const file of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) expect(files).toContain(file);
		for (const node of packageJson.n8n.nodes) expect(files).toContain(node.replace(/\.js$/, '.json'));
		expect(files).toEqual(expect.arrayContaining(['dist/nodes/icons/acorn.svg', 'dist/nodes/icons/acorn.dark.svg', 'dist/credentials/acorn.svg', 'dist/credentials/acorn.dark.svg']));
	});

	it('resolves every file a shipped module requires from the package', () => {
		const shipped = new Set(files);
		const unresolved: string[] = [];
		for (const file of files.filter((f) => f.endsWith('.js'))) {
			const source = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
			for (const [, request] of source.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
				const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), request));
				if (![`${target}.js`, `${target}/index.js`, target].some((candidate) => shipped.has(candidate))) unresolved.push(`${file} → ${request}`);
			}
		}
		expect(unresolved).toEqual([]);
	});

	it('ships documentation and licence', () => {
		expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']));
	});

	it('leaves out tests, emulator, benchmarks, scripts, examples, sources and maps', () => {
		const unwanted = files.filter(
			(file) =>
				/^(test|bench|scripts|examples|docs|nodes|credentials|coverage|\.build|\.cache|\.ci)\//.test(file) ||
				/(\.map|\.tsbuildinfo|\.test\.js|\.spec\.js)$/.test(file) ||
				(file.endsWith('.ts') && !file.endsWith('.d.ts')) ||
				/(^|\/)\.(npmrc|env)/.test(file) ||
				/emulator/i.test(file),
		);
		expect(unwanted).toEqual([]);
		expect(files.every((file) => file.startsWith('dist/') || /^(package\.json|README(\.zh-CN)?\.md|LICENSE|CHANGELOG\.md)$/.test(file))).toBe(true);
	});

	it('contains no secrets', () => {
		const findings: string[] = [];
		for (const file of files) {
			const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
			for (const [what, pattern] of SECRET_PATTERNS) if (pattern.test(text)) findings.push(`${file}: ${what}`);
		}
		expect(findings).toEqual([]);
	});

	it('stays small', () => {
		// 0.1.0 with two nodes: ~60 kB packed, ~285 kB unpacked. Generous bounds catch accidental bulk.
		expect(info.size).toBeLessThan(500_000);
		expect(info.unpackedSize).toBeLessThan(3_000_000);
	});
});

/**
 * The release: a GitHub Actions workflow run by a version tag that publishes with npm provenance (n8n
 * requires it of community packages), from a clean checkout (dist/ is never committed: it is built there),
 * after the tests, and only what "files" lists (checked above on the tarball itself).
 */
describe('the release workflow', () => {
	const file = path.join(REPO_ROOT, '.github', 'workflows', 'release.yml');
	const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	/** The YAML without comments, so a commented-out line cannot satisfy a check. */
	const lines = text.split('\n').map((line) => line.replace(/(^|\s)#.*$/, '')).filter((line) => line.trim() !== '');
	const body = lines.join('\n');
	const runs = lines.filter((line) => /^\s+(- )?run: /.test(line)).map((line) => line.replace(/^\s+(- )?run: /, '').trim());

	it('exists and runs only for a pushed version tag (v*)', () => {
		expect(text).not.toBe('');
		expect(body).toMatch(/^on:\n\s+push:\n\s+tags: \['v\*'\]$/m);
		expect(body).not.toMatch(/^\s+(pull_request|schedule|branches):/m);
	});

	it('may ask GitHub for the OIDC token npm signs the provenance with, and nothing more', () => {
		expect(body).toMatch(/^permissions:\n\s+contents: read\n\s+id-token: write$/m);
	});

	it('builds on Node 24 from a clean checkout: npm ci, the tests, the build, then publish with provenance', () => {
		expect(body).toMatch(/uses: actions\/checkout@v\d+/);
		expect(body).toMatch(/uses: actions\/setup-node@v\d+\n\s+with:\n\s+node-version: 24\n\s+registry-url: https:\/\/registry\.npmjs\.org/);
		const order = ['npm ci --no-audit --no-fund', 'npm test', 'npm run lint', 'npm run build', 'npm publish --provenance --access public'];
		const positions = order.map((command) => runs.indexOf(command));
		expect(positions.every((position) => position >= 0)).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
		// nothing prebuilt can slip in: dist/ is ignored by git, so the checkout has none until the build
		expect(fs.readFileSync(path.join(REPO_ROOT, '.gitignore'), 'utf8').split('\n').map((line) => line.trim())).toContain('dist/');
		expect(execFileSync('git', ['ls-files', 'dist'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim()).toBe('');
		// the build starts from nothing too
		expect(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts.build).toMatch(/^rimraf dist && /);
	});

	it('publishes the version the tag names, and the tests run with Amazon’s models as CI requires', () => {
		expect(runs).toContain('test "v$(node -p "require(\'./package.json\').version")" = "$GITHUB_REF_NAME"');
		expect(body).toMatch(/repository: amzn\/selling-partner-api-models\n\s+ref: [0-9a-f]{40}/);
		expect(body).toMatch(/SPAPI_MODELS_DIR: /);
		expect(body).toMatch(/CI: 'true'/);
	});
});
