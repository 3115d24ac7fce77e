'use strict';
/**
 * What every generator of committed facts from Amazon's models shares: where the models are, which
 * commit they come from, and the command line (write the file, or `--check` that it is current).
 */
const fs = require('fs');
const path = require('path');

function defaultModelsDir() {
	return process.env.SPAPI_MODELS_DIR || path.resolve(__dirname, '..', '..', '..', 'shared', 'spapi-models');
}

function readSourceCommit(modelsDir) {
	try {
		const source = fs.readFileSync(path.join(modelsDir, 'SOURCE.txt'), 'utf8');
		const match = /^Commit:\s*(\S+)/m.exec(source);
		return match ? match[1] : 'unknown';
	} catch {
		return 'unknown';
	}
}

/**
 * @param {object} options
 * @param {string} options.output       the committed generated file
 * @param {(modelsDir: string) => string} options.generate
 * @param {string} options.requiredDir  folder that must exist inside the models dir (e.g. 'models')
 * @param {string} options.command      npm script that regenerates the file
 * @param {string} options.upToDate     message when `--check` finds the file current
 * @param {(modelsDir: string) => string} options.written  message after writing
 */
function runGeneratorCli({ output, generate, requiredDir, command, upToDate, written }) {
	const modelsDir = defaultModelsDir();
	const required = path.join(modelsDir, requiredDir);
	if (!fs.existsSync(required)) {
		console.error(`Amazon's models not found in ${required} (set SPAPI_MODELS_DIR).`);
		process.exit(2);
	}
	const text = generate(modelsDir);
	const relative = path.relative(process.cwd(), output);
	if (process.argv.includes('--check')) {
		const current = fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : '';
		if (current !== text) {
			console.error(`${relative} is stale: run ${command}`);
			process.exit(1);
		}
		console.log(upToDate);
		return;
	}
	fs.mkdirSync(path.dirname(output), { recursive: true });
	fs.writeFileSync(output, text);
	console.log(`${written(modelsDir)} to ${relative}`);
}

/** A parameter as the operation uses it: a `$ref` to the model's shared parameters resolved. */
function resolveParameter(model, parameter) {
	if (!parameter.$ref || !parameter.$ref.startsWith('#/')) return parameter;
	return parameter.$ref
		.slice(2)
		.split('/')
		.reduce((node, key) => (node ? node[key] : undefined), model);
}

module.exports = { defaultModelsDir, readSourceCommit, resolveParameter, runGeneratorCli };
