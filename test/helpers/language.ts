/**
 * Running code under a chosen ACORN_LANGUAGE, and building the package's nodes and credentials from
 * their sources the way n8n builds them from dist/ (the constructor reads the language).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** The nodes and credentials package.json tells n8n to load (dist/ paths). */
export const PACKAGE_N8N = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } }).n8n;

/** Runs `run` with ACORN_LANGUAGE set to `language` (unset for undefined) and restores it afterwards, also when `run` is async. */
export function withLanguage<T>(language: string | undefined, run: () => T): T {
	const before = process.env.ACORN_LANGUAGE;
	const set = (value: string | undefined) => {
		if (value === undefined) delete process.env.ACORN_LANGUAGE;
		else process.env.ACORN_LANGUAGE = value;
	};
	set(language);
	let result: T;
	try {
		result = run();
	} catch (error) {
		set(before);
		throw error;
	}
	if (result instanceof Promise) return result.finally(() => set(before)) as T;
	set(before);
	return result;
}

/** dist/nodes/X/X.node.js → nodes/X/X.node.ts */
export function sourceOf(distPath: string): string {
	return path.join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

/** A new instance of the class each file exports, with its class name (wrap in withLanguage to choose the language). */
export function instancesOf<T = unknown>(files: string[]): Array<[string, T]> {
	return files.map((file): [string, T] => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(sourceOf(file)) as Record<string, new () => T>;
		const [name, type] = Object.entries(exported).find(([, value]) => typeof value === 'function')!;
		return [name, new type()];
	});
}
