/**
 * Finds the places where ACORN writes a text a person reads at run time (errors, their hints, execution
 * hints, credential-test results) and the texts that reach them, by reading the TypeScript source
 * (no type checker: one parse per file, fast enough for a unit test).
 *
 * A text reaching such a place must be written with the `tr` tag (nodes/sp-api/i18n/translate.ts). The
 * analysis follows a text back to where it is built: through `?:`, `??`, `||`, `+`, parentheses, local
 * variables (and what is pushed into a local array before `.join`), functions of the same package that
 * return it, parameters (to every call of that function, also from other files) and the values put into
 * a `tr` sentence (an English fragment inside a Chinese sentence is as wrong as an English sentence).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/** Where a text is shown: the argument positions, or the properties of an object argument. */
interface Site {
	args?: number[];
	props?: Record<number, string[]>;
}

/** `new X(…)`: ACORN's error classes (and n8n's) whose texts a person reads. */
export const CONSTRUCTED_SITES: Readonly<Record<string, Site>> = {
	InputError: { args: [0] },
	MarketplaceSelectionError: { args: [0] },
	CredentialConfigError: { args: [0] },
	DateInputError: { args: [0] },
	ThresholdError: { args: [0] },
	ProxyTunnelError: { args: [0] },
	QueueSetupError: { args: [0, 1] },
	QueuePolicyConflict: { args: [1] },
	LwaError: { args: [1] },
	NetworkError: { args: [3] },
	NodeOperationError: { args: [1], props: { 2: ['description'] } },
	NodeApiError: { props: { 2: ['message', 'description'] } },
	SpApiError: { props: { 0: ['message', 'hint'] } },
	UnclearOutcomeError: { props: { 0: ['message', 'hint'] } },
	ReportError: { props: { 0: ['message', 'hint'] } },
	// `message` of an SqsError is AWS's own words (shown as "AWS said: …"); ACORN's words are the hint
	SqsError: { props: { 0: ['hint'] } },
	// n8n shows the message of any error a node throws: plain errors are checked too (internal ones are allow-listed)
	Error: { args: [0] },
	RangeError: { args: [0] },
	TypeError: { args: [0] },
	TimedOut: { args: [0] },
};

/** Calls whose argument is shown: execution hints, the credential tests' `fail`, helpers that build errors. */
export const CALLED_SITES: Readonly<Record<string, Site>> = {
	inputError: { args: [0] },
	explainEmptyResult: { args: [1] },
	withHint: { args: [1] },
	fail: { args: [0] },
	addExecutionHints: { props: { 0: ['message'], 1: ['message'], 2: ['message'] } },
};

export interface Finding {
	/** "path/to/file.ts:12" of the text */
	where: string;
	/** what shows it: "new InputError", "explainEmptyResult", "credential test result", … */
	site: string;
	/** the text as written (source) */
	text: string;
}

export interface SiteReport {
	/** every place that shows a text (found by the rules above), "file:line site" */
	sites: string[];
	/** texts reaching them without `tr` */
	untagged: Finding[];
}

/** 'tr': a text that must be written with tr; 'key': a label handed to translateText, which must be a key of the table. */
type Mode = 'tr' | 'key';

const isFunctionLike = (node: ts.Node): node is ts.FunctionLikeDeclaration =>
	ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node);

/** Calls that give back the text they are handed, changed only where a secret or account number was: `redact(text)`, `mask.text(text)`. */
const PASS_THROUGH: ReadonlySet<string> = new Set(['redact', 'text']);

/** English words in a text: two words with a space between them (an id, a code or "HTTP" alone is not language). */
const LANGUAGE = /[A-Za-z]{2,}[^\s]*\s+[^\s]*[A-Za-z]{2,}/;

export class RuntimeTextAnalysis {
	private readonly sources = new Map<string, ts.SourceFile>();
	private readonly sites: string[] = [];
	private readonly untagged = new Map<string, Finding>();
	/** (declaration, path) pairs already followed: a text is checked once however many ways lead to it */
	private readonly followed = new Set<string>();

	constructor(
		private readonly root: string,
		private readonly files: readonly string[],
		/** the English keys of the translation table */
		private readonly tableKeys: ReadonlySet<string>,
	) {}

	run(): SiteReport {
		for (const file of this.files) this.scanFile(this.source(file));
		return { sites: this.sites, untagged: [...this.untagged.values()] };
	}

	private source(file: string): ts.SourceFile {
		let source = this.sources.get(file);
		if (!source) {
			source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
			this.sources.set(file, source);
		}
		return source;
	}

	private where(node: ts.Node): string {
		const source = node.getSourceFile();
		return `${path.relative(this.root, source.fileName)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
	}

	private scanFile(source: ts.SourceFile): void {
		const visit = (node: ts.Node): void => {
			if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
				const site = siteNamed(CONSTRUCTED_SITES, node.expression.text);
				if (site) this.checkSite(node, `new ${node.expression.text}`, site, node.arguments ?? ts.factory.createNodeArray());
			}
			if (ts.isCallExpression(node)) {
				const name = calleeName(node.expression);
				const site = name ? siteNamed(CALLED_SITES, name) : undefined;
				if (site) this.checkSite(node, name!, site, node.arguments);
			}
			// a credential test's answer: { status: 'OK' | 'Error', message }
			if (ts.isObjectLiteralExpression(node)) {
				const status = propertyValue(node, 'status');
				const message = propertyValue(node, 'message');
				if (status && message && ts.isStringLiteral(status) && (status.text === 'OK' || status.text === 'Error')) {
					this.sites.push(`${this.where(node)} credential test result`);
					this.check(message, 'credential test result', []);
				}
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}

	private checkSite(node: ts.Node, label: string, site: Site, args: ts.NodeArray<ts.Expression>): void {
		this.sites.push(`${this.where(node)} ${label}`);
		for (const index of site.args ?? []) if (args[index]) this.check(args[index], label, []);
		for (const [index, names] of Object.entries(site.props ?? {})) {
			const arg = args[Number(index)];
			if (arg) for (const name of names) this.check(arg, label, [name]);
		}
	}

	private report(node: ts.Node, site: string): void {
		const where = this.where(node);
		const text = node.getText().replace(/\s+/g, ' ').slice(0, 160);
		this.untagged.set(`${where} ${text}`, { where, site, text });
	}

	/**
	 * Checks the text `expression` stands for; `property` is a path into it when the shown text is a
	 * property of it (e.g. the `hint` of `{ message, hint }`).
	 */
	private check(expression: ts.Expression, site: string, property: readonly string[], mode: Mode = 'tr'): void {
		const node = skipWrappers(expression);
		if (property.length > 0) {
			this.checkProperty(node, site, property, mode);
			return;
		}
		if (ts.isTaggedTemplateExpression(node)) {
			// the values of a tr sentence are checked too: "${'the report download'}" is English inside Chinese
			if (ts.isTemplateExpression(node.template)) for (const span of node.template.templateSpans) this.check(span.expression, site, [], 'tr');
			return;
		}
		if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
			// a label handed to translateText must be a key of the table (a field's label is one)
			if (mode === 'key' ? !this.tableKeys.has(node.text) : LANGUAGE.test(node.text)) this.report(node, mode === 'key' ? `${site} (translateText, no table entry)` : site);
			return;
		}
		if (ts.isTemplateExpression(node)) {
			const literal = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' {} ');
			if (mode === 'key' || LANGUAGE.test(literal)) this.report(node, site);
			for (const span of node.templateSpans) this.check(span.expression, site, [], 'tr');
			return;
		}
		if (ts.isConditionalExpression(node)) {
			this.check(node.whenTrue, site, [], mode);
			this.check(node.whenFalse, site, [], mode);
			return;
		}
		if (ts.isBinaryExpression(node)) {
			const operator = node.operatorToken.kind;
			if (operator === ts.SyntaxKind.PlusToken || operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
				this.check(node.left, site, [], mode);
				this.check(node.right, site, [], mode);
			} else if (operator === ts.SyntaxKind.AmpersandAmpersandToken) this.check(node.right, site, [], mode);
			return;
		}
		if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
			this.follow(node, site, [], mode);
			return;
		}
		if (ts.isElementAccessExpression(node)) {
			this.checkTable(node, site, mode);
			return;
		}
		if (ts.isCallExpression(node)) this.checkCall(node, site, mode);
	}

	/** `HINTS[kind]`: every value of the table (an object or array literal, directly or through its name). */
	private checkTable(node: ts.ElementAccessExpression, site: string, mode: Mode): void {
		const table = skipWrappers(node.expression);
		const declaration = ts.isIdentifier(table) ? this.declarationOf(table) : undefined;
		const literal = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipWrappers(declaration.initializer) : table;
		if (!this.once(literal, ['[]'], mode)) return;
		if (ts.isObjectLiteralExpression(literal)) {
			for (const property of literal.properties) if (ts.isPropertyAssignment(property)) this.check(property.initializer, site, [], mode);
		} else if (ts.isArrayLiteralExpression(literal)) {
			for (const element of literal.elements) this.check(element as ts.Expression, site, [], mode);
		}
	}

	/** `{ message: …, hint: … }` (directly, or through a variable or parameter) */
	private checkProperty(node: ts.Expression, site: string, property: readonly string[], mode: Mode): void {
		if (ts.isObjectLiteralExpression(node)) {
			const value = propertyValue(node, property[0]);
			if (value) this.check(value, site, property.slice(1), mode);
			return;
		}
		if (ts.isConditionalExpression(node)) {
			this.checkProperty(skipWrappers(node.whenTrue), site, property, mode);
			this.checkProperty(skipWrappers(node.whenFalse), site, property, mode);
			return;
		}
		if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) this.follow(node, site, property, mode);
	}

	/** A text made by a call: `[…].join(' ')`, `parts.join(' ')`, or a function of the package that returns it. */
	private checkCall(node: ts.CallExpression, site: string, mode: Mode): void {
		const callee = node.expression;
		if (calleeName(callee) === 'translateText') {
			if (node.arguments[0]) this.check(node.arguments[0], site, [], 'key');
			return;
		}
		if (PASS_THROUGH.has(calleeName(callee) ?? '')) {
			if (node.arguments[0]) this.check(node.arguments[0], site, [], mode);
			return;
		}
		if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'join') {
			const list = skipWrappers(callee.expression);
			if (ts.isArrayLiteralExpression(list)) for (const element of list.elements) this.check(element as ts.Expression, site, [], mode);
			else if (ts.isIdentifier(list)) this.followArray(list, site, mode);
			return;
		}
		if (ts.isIdentifier(callee)) {
			const declaration = this.declarationOf(callee);
			const body = declaration && functionOf(declaration);
			if (body && this.once(body, ['return'], mode)) for (const returned of returnedExpressions(body)) this.check(returned, site, [], mode);
		}
	}

	/** `parts` of `parts.join(' ')`: what it starts with and what is pushed into it. */
	private followArray(list: ts.Identifier, site: string, mode: Mode): void {
		const declaration = this.declarationOf(list);
		if (!declaration || !ts.isVariableDeclaration(declaration) || !this.once(declaration, ['array'], mode)) return;
		const initial = declaration.initializer && skipWrappers(declaration.initializer);
		if (initial && ts.isArrayLiteralExpression(initial)) for (const element of initial.elements) this.check(element as ts.Expression, site, [], mode);
		const scope = declaration.parent.parent.parent;
		const visit = (node: ts.Node): void => {
			if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['push', 'unshift'].includes(node.expression.name.text)) {
				const target = node.expression.expression;
				if (ts.isIdentifier(target) && target.text === list.text) for (const arg of node.arguments) this.check(arg, site, [], mode);
			}
			ts.forEachChild(node, visit);
		};
		visit(scope);
	}

	/**
	 * A name (or `name.a.b`): its variable's initial value, or — for a parameter of a function — the
	 * matching argument of every call of that function in the package.
	 */
	private follow(node: ts.Identifier | ts.PropertyAccessExpression, site: string, property: readonly string[], mode: Mode): void {
		let base: ts.Expression = node;
		const path: string[] = [];
		while (ts.isPropertyAccessExpression(base)) {
			path.unshift(base.name.text);
			base = skipWrappers(base.expression);
		}
		if (!ts.isIdentifier(base)) return;
		const fullPath = [...path, ...property];
		const declaration = this.declarationOf(base);
		if (!declaration || !this.once(declaration, fullPath, mode)) return;
		if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
			if (declaration.initializer) this.check(declaration.initializer, site, fullPath, mode);
			// `for (const message of hints)`: what `hints` holds
			const loop = declaration.parent.parent;
			if (ts.isForOfStatement(loop) && ts.isIdentifier(skipWrappers(loop.expression)) && fullPath.length === 0) this.followArray(skipWrappers(loop.expression) as ts.Identifier, site, mode);
			// `let hint: string;` set in the branches of a switch: every value assigned to it
			for (const assigned of assignmentsTo(declaration.name.text, declaration.parent.parent.parent)) this.check(assigned, site, fullPath, mode);
			return;
		}
		const parameter = parameterOf(declaration);
		if (!parameter) return;
		const { fn, index, path: inParameter } = parameter;
		for (const call of this.callsOf(fn)) {
			const arg = call.arguments[index];
			if (arg) this.check(arg, site, [...inParameter, ...fullPath], mode);
		}
	}

	private once(node: ts.Node, path: readonly string[], mode: Mode): boolean {
		// a path that keeps growing (f(x) calling f(x.a)) is no text any more
		if (path.length > 4) return false;
		const key = `${this.where(node)}:${node.pos}:${path.join('.')}:${mode}`;
		if (this.followed.has(key)) return false;
		this.followed.add(key);
		return true;
	}

	/** The declaration a name refers to: the nearest enclosing one, else an import from another file of the package. */
	private declarationOf(name: ts.Identifier): ts.Node | undefined {
		for (let scope: ts.Node | undefined = name.parent; scope; scope = scope.parent) {
			const found = declaredIn(scope, name.text);
			if (found) return found;
		}
		return this.imported(name.getSourceFile(), name.text);
	}

	private imported(source: ts.SourceFile, name: string): ts.Node | undefined {
		for (const statement of source.statements) {
			if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
			const bindings = statement.importClause?.namedBindings;
			if (!bindings || !ts.isNamedImports(bindings)) continue;
			const specifier = bindings.elements.find((element) => element.name.text === name);
			if (!specifier || !statement.moduleSpecifier.text.startsWith('.')) continue;
			const file = this.resolve(source.fileName, statement.moduleSpecifier.text);
			if (!file) return undefined;
			const other = this.source(file);
			const exportedName = specifier.propertyName?.text ?? name;
			return declaredIn(other, exportedName) ?? this.imported(other, exportedName);
		}
		return undefined;
	}

	private resolve(from: string, specifier: string): string | undefined {
		const base = path.resolve(path.dirname(from), specifier);
		return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
	}

	/** Whether a call (already known to use the function's name) calls that function: `f(…)` resolved by its name, a method by its name. */
	private calls(call: ts.CallExpression, fn: ts.FunctionLikeDeclaration): boolean {
		if (!ts.isIdentifier(call.expression)) return ts.isMethodDeclaration(fn);
		const declaration = this.declarationOf(call.expression);
		return declaration !== undefined && functionOf(declaration) === fn;
	}

	/** Every call of a function in the package's files: `name(…)`, and `this.name(…)` / `x.name(…)` for a method. */
	private callsOf(fn: ts.FunctionLikeDeclaration): ts.CallExpression[] {
		const name = functionName(fn);
		if (!name) return [];
		const calls: ts.CallExpression[] = [];
		for (const file of this.files) {
			const source = this.source(file);
			if (!source.text.includes(name)) continue;
			const visit = (node: ts.Node): void => {
				if (ts.isCallExpression(node) && calleeName(node.expression) === name && this.calls(node, fn)) calls.push(node);
				ts.forEachChild(node, visit);
			};
			visit(source);
		}
		return calls;
	}
}

/** The values assigned to a name (`name = …`) anywhere in `scope`. */
function assignmentsTo(name: string, scope: ts.Node): ts.Expression[] {
	const found: ts.Expression[] = [];
	const visit = (node: ts.Node): void => {
		if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && node.left.text === name) found.push(node.right);
		ts.forEachChild(node, visit);
	};
	visit(scope);
	return found;
}

/** A site by its name (own entries only: `toString` is no site). */
function siteNamed(sites: Readonly<Record<string, Site>>, name: string): Site | undefined {
	return Object.prototype.hasOwnProperty.call(sites, name) ? sites[name] : undefined;
}

function skipWrappers(expression: ts.Expression): ts.Expression {
	let node = expression;
	while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
	return node;
}

function calleeName(callee: ts.Expression): string | undefined {
	if (ts.isIdentifier(callee)) return callee.text;
	if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
	return undefined;
}

function propertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
	for (const property of object.properties) {
		if (ts.isPropertyAssignment(property) && property.name.getText() === name) return property.initializer;
		if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) return property.name;
	}
	return undefined;
}

/** A declaration of `name` directly in `scope` (its statements, or the parameters of a function). */
function declaredIn(scope: ts.Node, name: string): ts.Node | undefined {
	if (isFunctionLike(scope)) {
		for (const parameter of scope.parameters) {
			const found = bindingNamed(parameter.name, name);
			if (found) return found;
		}
	}
	if (ts.isCatchClause(scope) && scope.variableDeclaration) return bindingNamed(scope.variableDeclaration.name, name);
	if ((ts.isForOfStatement(scope) || ts.isForInStatement(scope) || ts.isForStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
		for (const declaration of scope.initializer.declarations) {
			const found = bindingNamed(declaration.name, name);
			if (found) return found;
		}
	}
	const statements = ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope) ? scope.statements : undefined;
	for (const statement of statements ?? []) {
		if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) return statement;
		if (ts.isVariableStatement(statement)) {
			for (const declaration of statement.declarationList.declarations) {
				const found = bindingNamed(declaration.name, name);
				if (found) return found;
			}
		}
	}
	return undefined;
}

function bindingNamed(binding: ts.BindingName, name: string): ts.Node | undefined {
	if (ts.isIdentifier(binding)) return binding.text === name ? binding.parent : undefined;
	for (const element of binding.elements) {
		if (ts.isOmittedExpression(element)) continue;
		const found = bindingNamed(element.name, name);
		if (found) return found;
	}
	return undefined;
}

/** For a parameter (or a name destructured from one): its function, its position and the property path inside it. */
function parameterOf(declaration: ts.Node): { fn: ts.FunctionLikeDeclaration; index: number; path: string[] } | undefined {
	const path: string[] = [];
	let node: ts.Node = declaration;
	while (ts.isBindingElement(node)) {
		if (ts.isObjectBindingPattern(node.parent)) path.unshift(node.propertyName?.getText() ?? (node.name as ts.Identifier).text);
		else return undefined;
		node = node.parent.parent;
	}
	if (!ts.isParameter(node) || !isFunctionLike(node.parent)) return undefined;
	return { fn: node.parent, index: node.parent.parameters.indexOf(node), path };
}

function functionName(fn: ts.FunctionLikeDeclaration): string | undefined {
	if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
	if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
	return undefined;
}

/** The function a declaration stands for: `function f() {}` or `const f = () => …`. */
function functionOf(declaration: ts.Node): ts.FunctionLikeDeclaration | undefined {
	if (ts.isFunctionDeclaration(declaration)) return declaration;
	if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
		const value = skipWrappers(declaration.initializer);
		if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return value;
	}
	return undefined;
}

function returnedExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
	if (!fn.body) return [];
	if (!ts.isBlock(fn.body)) return [fn.body];
	const found: ts.Expression[] = [];
	const visit = (node: ts.Node): void => {
		if (isFunctionLike(node) && node !== fn) return;
		if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
		ts.forEachChild(node, visit);
	};
	visit(fn.body);
	return found;
}

/** The package's TypeScript files under `dirs` (the translation tables themselves excluded). */
export function packageSourceFiles(root: string, dirs: readonly string[]): string[] {
	const walk = (dir: string): string[] =>
		fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) return entry.name === 'i18n' ? [] : walk(full);
			return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
		});
	return dirs.flatMap((dir) => walk(path.join(root, dir)));
}
