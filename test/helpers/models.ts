import * as fs from 'node:fs';
import * as path from 'node:path';

export const MODELS_DIR = process.env.SPAPI_MODELS_DIR ?? path.resolve(__dirname, '..', '..', '..', 'shared', 'spapi-models');

/**
 * Where Amazon's official models are, for tests that compare against them. Missing models fail the
 * run under CI=true; elsewhere the tests are skipped and say so.
 */
export function requireModelsDir(what: string): string | undefined {
	if (fs.existsSync(path.join(MODELS_DIR, 'models'))) return MODELS_DIR;
	const message = `SP-API models not found at ${MODELS_DIR} (set SPAPI_MODELS_DIR): cannot check ${what}.`;
	if (process.env.CI === 'true') {
		throw new Error(`${message} CI must have them.`);
	}
	// eslint-disable-next-line no-console
	console.warn(`SKIPPED: ${message}`);
	return undefined;
}
