// n8n's own lint rules for community node packages (@n8n/node-cli's config), run by `npm run lint`
// (`n8n-node lint`). Every rule switched off or relaxed below is a deliberate decision explained in
// docs/lint.md; keep the two in step.
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

export default [
	// What n8n loads is nodes/ and credentials/ (compiled) plus package.json. Tests, the emulator,
	// benchmarks and scripts are never shipped (see package.json "files") and are not node code.
	globalIgnores(['dist', '.build', '.cache', 'coverage', 'demo-output', 'node_modules', 'test', 'bench', 'scripts', 'examples', '*.js']),

	// ACORN cannot run on n8n Cloud (runtime dependencies, its own proxy-aware transport on node:http/
	// node:tls reading HTTPS_PROXY from process.env), so the cloud-only import/global rules are left out.
	...configWithoutCloudSupport,

	{
		// axios, aws4 and luxon are runtime dependencies chosen by design (docs/lint.md).
		files: ['package.json'],
		rules: {
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			// Stays visible on every run until the maintainers publish a contact address.
			'@n8n/community-nodes/valid-author': 'warn',
		},
	},
	{
		// The SP-API core is independent of n8n (the emulator tests and benchmarks use it without n8n);
		// its errors become NodeApiError/NodeOperationError at the node boundary in nodes/sp-api/n8n/nodeErrors.ts.
		files: ['nodes/sp-api/**/*.ts'],
		ignores: ['nodes/sp-api/n8n/**'],
		rules: {
			'@n8n/community-nodes/require-node-api-error': 'off',
		},
	},
	{
		// "Amazon SP-API" already ends in API (Amazon's own name); the rule only accepts " API" after a space.
		files: ['credentials/AmazonSpApi.credentials.ts'],
		rules: {
			'n8n-nodes-base/cred-class-field-display-name-missing-api': 'off',
		},
	},
];
