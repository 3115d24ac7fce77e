import { localizedDocsUrl } from './docs';
import { currentLanguage, type AcornLanguage } from './language';
import { ZH_CN } from './zh-CN';

/**
 * ACORN's translations: one table per language, keyed by the English text itself. A key that is no
 * longer written anywhere (stale) or an English text without an entry fails test/unit/i18n.test.ts.
 *
 * Two ways in:
 * - descriptions (labels, options, hints, notices, placeholders) stay English literals in the source
 *   (n8n's linter reads them there); `localizedNodeDescription` / `localizeCredentialType` translate a
 *   copy when n8n loads the package;
 * - texts written at run time (errors, execution hints, credential-test messages) use the `tr` tag:
 *   tr`Report ${id} was cancelled.` looks up "Report {0} was cancelled." and fills the values in.
 */
const TABLES: Record<Exclude<AcornLanguage, 'en'>, Readonly<Record<string, string>>> = { 'zh-CN': ZH_CN };

function table(language = currentLanguage()): Readonly<Record<string, string>> | undefined {
	return language === 'en' ? undefined : TABLES[language];
}

const hasEntry = (entries: Readonly<Record<string, string>>, key: string) => Object.prototype.hasOwnProperty.call(entries, key);

/**
 * A text ending in one of Amazon's codes in parentheses ("… (GET_V2_SETTLEMENT_REPORT_DATA_XML)",
 * "… (TRANSACTION_UPDATE)") is looked up without the code, which is not language and stays as it is:
 * a list that shows each entry's code needs no second table entry per code.
 */
const TRAILING_CODE = / \([A-Z0-9]+_[A-Z0-9_]+\)$/;

/** The table key of a description text: the text itself, or the text before a trailing Amazon code. */
export function lookupKey(english: string): string {
	const match = TRAILING_CODE.exec(english);
	return match ? english.slice(0, match.index) : english;
}

/** The translation of a fixed English text, or the text itself (English, or no entry). */
export function translateText(english: string, language = currentLanguage()): string {
	const entries = table(language);
	if (!entries || !english) return english;
	if (hasEntry(entries, english)) return entries[english];
	const key = lookupKey(english);
	return key !== english && hasEntry(entries, key) ? entries[key] + english.slice(key.length) : english;
}

/** The table key of a template: literal parts joined by {0}, {1}, … */
export function templateKey(strings: readonly string[]): string {
	return strings.reduce((key, part, index) => (index === 0 ? part : `${key}{${index - 1}}${part}`), '');
}

function fill(template: string, values: readonly unknown[]): string {
	return template.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < values.length ? String(values[Number(index)]) : whole));
}

/** Tag for run-time texts: English as written, or the table's translation with the same values filled in. */
export function tr(strings: TemplateStringsArray, ...values: unknown[]): string {
	const entries = table();
	if (entries) {
		const key = templateKey(strings);
		if (hasEntry(entries, key)) return fill(entries[key], values);
	}
	return strings.reduce((text, part, index) => (index === 0 ? part : `${text}${String(values[index - 1])}${part}`), '');
}

/** The fields of a description that a person reads. Everything else (names, values, expressions) is left alone. */
const TEXT_FIELDS = ['displayName', 'description', 'hint', 'placeholder', 'action'] as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Copies plain objects and arrays (so shared property objects are never changed), keeps anything else. */
function copy<T>(value: T): T {
	if (Array.isArray(value)) return value.map(copy) as T;
	if (isObject(value) && Object.getPrototypeOf(value) === Object.prototype) {
		return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, copy(inner)])) as T;
	}
	return value;
}

/**
 * Visits every person-readable text of a node or credential description, in place: property labels,
 * descriptions, hints, placeholders, notices, option names/descriptions/actions, fixed-collection group
 * labels, "add" button texts, resource-locator modes and their validation messages, output names, labels
 * of a node's credential fields, a fixed subtitle and node-level hints. Exported for the completeness test.
 */
export function visitDescriptionTexts(node: unknown, visit: (text: string) => string): void {
	if (Array.isArray(node)) {
		for (const entry of node) visitDescriptionTexts(entry, visit);
		return;
	}
	if (!isObject(node)) return;
	for (const field of TEXT_FIELDS) {
		if (typeof node[field] === 'string' && node[field] !== '') node[field] = visit(node[field] as string);
	}
	// An option of an options/multiOptions list: its label is `name` (a fixed-collection group's `name` is a key).
	if ('value' in node && typeof node.name === 'string' && !('type' in node)) node.name = visit(node.name);
	const typeOptions = node.typeOptions;
	if (isObject(typeOptions) && typeof typeOptions.multipleValueButtonText === 'string') {
		typeOptions.multipleValueButtonText = visit(typeOptions.multipleValueButtonText);
	}
	if (isObject(node.defaults) && typeof node.defaults.name === 'string') node.defaults.name = visit(node.defaults.name);
	// A node's fixed subtitle (an expression, starting with "=", is built elsewhere: n8n/subtitle.ts).
	if (typeof node.subtitle === 'string' && node.subtitle !== '' && !node.subtitle.startsWith('=')) node.subtitle = visit(node.subtitle);
	// Labels of a node's inputs/outputs, shown next to its connection handles on the canvas.
	for (const names of ['inputNames', 'outputNames']) {
		if (Array.isArray(node[names])) node[names] = node[names].map((name: unknown) => (typeof name === 'string' && name ? visit(name) : name));
	}
	// `modes` of a resource locator ("From List", "By Name", their placeholders and validation messages);
	// `credentials`: a node's credential fields may carry their own label (displayName).
	for (const nested of ['properties', 'options', 'values', 'modes', 'credentials']) {
		if (Array.isArray(node[nested])) visitDescriptionTexts(node[nested], visit);
	}
	if (Array.isArray(node.validation)) {
		for (const rule of node.validation) {
			if (isObject(rule) && isObject(rule.properties) && typeof rule.properties.errorMessage === 'string') {
				rule.properties.errorMessage = visit(rule.properties.errorMessage);
			}
		}
	}
	if (Array.isArray(node.hints)) {
		for (const hint of node.hints) if (isObject(hint) && typeof hint.message === 'string') hint.message = visit(hint.message);
	}
}

/** The description in the chosen language: the same object in English, a translated copy otherwise. */
export function localizedNodeDescription<T extends object>(description: T, language = currentLanguage()): T {
	if (language === 'en') return description;
	const translated = copy(description);
	visitDescriptionTexts(translated, (text) => translateText(text, language));
	return translated;
}

/** Translates a credential type's display name and fields, and points its docs link at the README of the language, in place (called from its constructor). */
export function localizeCredentialType(
	credential: { displayName: string; properties: unknown[]; documentationUrl?: string },
	language = currentLanguage(),
): void {
	if (language === 'en') return;
	credential.displayName = translateText(credential.displayName, language);
	credential.properties = localizedNodeDescription(credential.properties, language);
	if (credential.documentationUrl) credential.documentationUrl = localizedDocsUrl(credential.documentationUrl, language);
}

/** Options built at run time (loadOptions lists): the same translation of their names and descriptions. */
export function localizedOptions<T extends { name: string; description?: string }>(options: T[], language = currentLanguage()): T[] {
	if (language === 'en') return options;
	return options.map((option) => ({
		...option,
		name: translateText(option.name, language),
		...(option.description ? { description: translateText(option.description, language) } : {}),
	}));
}
