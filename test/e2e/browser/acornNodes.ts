/**
 * What the editor test knows about ACORN's nodes, read from the package itself (package.json `n8n.nodes`,
 * the built node classes and their codex files) so a node added tomorrow is checked without editing the
 * test. Texts are the English ones; the Chinese ones come from the zh-CN table (translateText).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INodeProperties, INodeType, INodeTypeDescription, IVersionedNodeType } from 'n8n-workflow';
import { LANGUAGE_VARIABLE } from '../../../nodes/sp-api/i18n/language';
import { ZH_CN } from '../../../nodes/sp-api/i18n/zh-CN';
import { credentialTypesShownTogether } from '../../helpers/credentialFields';
import { newNodeVersionOf } from '../../helpers/nodeVersions';
import { PACKAGE_NAME } from '../realN8n';
import { REPO_ROOT } from '../world';

export interface AcornNode {
	/** `n8n-nodes-acorn.amazonSpApiRefunds`: what the editor calls it. */
	type: string;
	displayName: string;
	/** The name a new node gets on the canvas (defaults.name). */
	defaultName: string;
	isTrigger: boolean;
	/** Kept for saved workflows but not offered in the node panel (description `hidden`). */
	hidden: boolean;
	credentialTypes: string[];
	/**
	 * The required credential types a new node shows together (with its default parameters). n8n 2.41
	 * fills in only one of them by itself: the seller chooses the others (the node's notice says so).
	 */
	credentialTypesShownTogether: string[];
	/** The codex search words written in Chinese characters (what a Chinese seller types in the panel). */
	chineseSearchWords: string[];
	/** English labels of every parameter by name (one name can have several labels under different displayOptions). */
	labelsByParameter: ReadonlyMap<string, readonly string[]>;
	/** The English `action` texts the panel lists, by `<resource>:<operation>` (e.g. `refund:getMany`). */
	actions: ReadonlyMap<string, string>;
	/** The action of the node's default resource and operation (what it does untouched), if it has actions. */
	defaultAction?: string;
}

const CHINESE = /\p{Script=Han}/u;

/** Builds a node class with the language switch off: descriptions are English whatever the shell says. */
function englishDescription(file: string): INodeTypeDescription {
	const saved = { acorn: process.env[LANGUAGE_VARIABLE], n8n: process.env.N8N_DEFAULT_LOCALE };
	delete process.env[LANGUAGE_VARIABLE];
	delete process.env.N8N_DEFAULT_LOCALE;
	try {
		const className = path.basename(file, '.node.js');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require(path.join(REPO_ROOT, file)) as Record<string, new () => INodeType | IVersionedNodeType>;
		if (!module[className]) throw new Error(`${file} exports no class ${className}`);
		const node = new module[className]();
		if (!('nodeVersions' in node)) return node.description;
		// A versioned node: the description a new node gets (its default version).
		const version = newNodeVersionOf(node);
		return { ...node.nodeVersions[version].description, ...node.description, properties: node.nodeVersions[version].description.properties } as INodeTypeDescription;
	} finally {
		if (saved.acorn !== undefined) process.env[LANGUAGE_VARIABLE] = saved.acorn;
		if (saved.n8n !== undefined) process.env.N8N_DEFAULT_LOCALE = saved.n8n;
	}
}

function collectLabels(properties: readonly unknown[], into: Map<string, string[]>): void {
	for (const entry of properties) {
		if (!entry || typeof entry !== 'object') continue;
		const property = entry as Partial<INodeProperties> & { values?: unknown[] };
		if (typeof property.name === 'string' && typeof property.displayName === 'string' && typeof property.type === 'string') {
			const labels = into.get(property.name) ?? [];
			if (!labels.includes(property.displayName)) labels.push(property.displayName);
			into.set(property.name, labels);
		}
		// collection options are properties; fixedCollection groups hold theirs in `values`
		if (Array.isArray(property.options)) collectLabels(property.options, into);
		if (Array.isArray(property.values)) collectLabels(property.values, into);
	}
}

function collectActions(properties: readonly INodeProperties[]): Map<string, string> {
	const actions = new Map<string, string>();
	for (const property of properties) {
		if (property.name !== 'operation' || !Array.isArray(property.options)) continue;
		const resources = (property.displayOptions?.show?.resource as string[] | undefined) ?? [''];
		for (const option of property.options as Array<{ value?: unknown; action?: string }>) {
			if (typeof option.value !== 'string' || !option.action) continue;
			for (const resource of resources) actions.set(`${resource}:${option.value}`, option.action);
		}
	}
	return actions;
}

function defaultAction(properties: readonly INodeProperties[], actions: ReadonlyMap<string, string>): string | undefined {
	const resource = properties.find((property) => property.name === 'resource')?.default;
	const operation = properties.find(
		(property) => property.name === 'operation' && (resource === undefined || ((property.displayOptions?.show?.resource as unknown[] | undefined) ?? [resource]).includes(resource)),
	)?.default;
	return actions.get(`${typeof resource === 'string' ? resource : ''}:${String(operation)}`);
}

/** Every node ACORN ships, in package.json order. */
export function acornNodes(): AcornNode[] {
	const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	return packageJson.n8n.nodes.map((file) => {
		const description = englishDescription(file);
		const codexFile = path.join(REPO_ROOT, file.replace(/\.js$/, '.json'));
		const codex = fs.existsSync(codexFile) ? (JSON.parse(fs.readFileSync(codexFile, 'utf8')) as { alias?: string[] }) : {};
		const labelsByParameter = new Map<string, string[]>();
		collectLabels(description.properties, labelsByParameter);
		const actions = collectActions(description.properties);
		return {
			type: `${PACKAGE_NAME}.${description.name}`,
			displayName: description.displayName,
			defaultName: String(description.defaults.name ?? description.displayName),
			isTrigger: description.group.includes('trigger'),
			hidden: description.hidden === true,
			credentialTypes: (description.credentials ?? []).map((credential) => credential.name),
			credentialTypesShownTogether: credentialTypesShownTogether(description),
			chineseSearchWords: (codex.alias ?? []).filter((word) => CHINESE.test(word)),
			labelsByParameter,
			actions,
			defaultAction: defaultAction(description.properties, actions),
		};
	});
}

/** The Chinese text the zh-CN table gives for an English text, or undefined when the table has none. */
export function chineseFor(english: string): string | undefined {
	return Object.prototype.hasOwnProperty.call(ZH_CN, english) ? ZH_CN[english] : undefined;
}
