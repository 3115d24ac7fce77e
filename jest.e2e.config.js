/**
 * Jest for `npm run test:e2e` only (scripts/e2e/run.js): real n8n end-to-end tests in test/e2e/*.e2e.ts.
 * `npm test` does not pick them up (its pattern is *.test.ts).
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	// Each test runs one or two n8n CLI commands (3–10 s each on 2 cores).
	testTimeout: 240000,
	// One n8n at a time per file keeps CI on 2 cores predictable; files may still run in parallel.
	maxWorkers: 1,
	forceExit: true,
};
