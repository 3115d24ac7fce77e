import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Amazon's notification JSON schemas (draft-07) for tests: their official example envelopes, a sample
 * built from the schema where Amazon ships no example, and a walk of dotted paths through a schema.
 */
export type JsonSchema = {
	$ref?: string;
	'#ref'?: string;
	type?: string | string[];
	properties?: Record<string, JsonSchema>;
	/** draft-07 also allows a tuple form, which Amazon uses in one schema */
	items?: JsonSchema | JsonSchema[];
	required?: string[];
	examples?: unknown[];
	default?: unknown;
	enum?: unknown[];
	const?: unknown;
	definitions?: Record<string, JsonSchema>;
	allOf?: JsonSchema[];
	anyOf?: JsonSchema[];
	oneOf?: JsonSchema[];
	additionalProperties?: boolean | JsonSchema;
};

export interface SchemaFile {
	file: string;
	document: JsonSchema;
}

export function notificationSchemasDir(modelsDir: string): string {
	return path.join(modelsDir, 'schemas', 'notifications');
}

export function loadNotificationSchemas(modelsDir: string): SchemaFile[] {
	const dir = notificationSchemasDir(modelsDir);
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, document: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as JsonSchema }));
}

export class SchemaWalker {
	constructor(private readonly document: JsonSchema) {}

	resolve(schema: JsonSchema | undefined, depth = 0): JsonSchema | undefined {
		if (!schema || depth > 20) return schema;
		const ref = schema.$ref ?? schema['#ref'];
		if (typeof ref === 'string' && ref.startsWith('#/definitions/')) {
			return this.resolve(this.document.definitions?.[ref.slice('#/definitions/'.length)], depth + 1);
		}
		if (typeof ref === 'string' && ref.startsWith('#/')) {
			const target = ref
				.slice(2)
				.split('/')
				.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), this.document);
			return this.resolve(target as JsonSchema | undefined, depth + 1);
		}
		if (schema.allOf) {
			const parts = schema.allOf.map((part) => this.resolve(part, depth + 1) ?? {});
			return { ...schema, properties: Object.assign({}, schema.properties, ...parts.map((p) => p.properties ?? {})) };
		}
		return schema;
	}

	private itemsOf(schema: JsonSchema | undefined): JsonSchema | undefined {
		const items = schema?.items;
		return this.resolve(Array.isArray(items) ? items[0] : items);
	}

	get root(): JsonSchema | undefined {
		return this.resolve(this.document);
	}

	/** Whether the root schema has any structure (Amazon ships one schema that refers to nothing). */
	get describesStructure(): boolean {
		return Object.keys(this.root?.properties ?? {}).length > 0;
	}

	/** The schema at a dotted path below `from` (numbers and `*` step into arrays). */
	at(from: JsonSchema | undefined, dotted: string): JsonSchema | undefined {
		let current = this.resolve(from);
		for (const step of dotted.split('.')) {
			if (!current) return undefined;
			if (step === '*' || /^\d+$/.test(step)) current = this.itemsOf(current);
			else {
				const candidates = [current, ...(current.anyOf ?? []), ...(current.oneOf ?? [])].map((c) => this.resolve(c));
				current = this.resolve(candidates.map((c) => c?.properties?.[step]).find(Boolean));
			}
		}
		return current;
	}

	/** An instance built from the schema's own examples, defaults and enums (for types without an example envelope). */
	sample(schema: JsonSchema | undefined = this.root, depth = 0): unknown {
		const resolved = this.resolve(schema);
		if (!resolved || depth > 12) return undefined;
		if (resolved.examples?.length) return resolved.examples[0];
		if (resolved.const !== undefined) return resolved.const;
		if (resolved.enum?.length) return resolved.enum[0];
		if (resolved.default !== undefined && resolved.default !== '' && typeof resolved.default !== 'object') return resolved.default;
		const type = Array.isArray(resolved.type) ? resolved.type[0] : resolved.type ?? (resolved.properties ? 'object' : undefined);
		switch (type) {
			case 'object': {
				const out: Record<string, unknown> = {};
				for (const [name, property] of Object.entries(resolved.properties ?? {})) {
					const value = this.sample(property, depth + 1);
					if (value !== undefined) out[name] = value;
				}
				return out;
			}
			case 'array': {
				const item = this.sample(this.itemsOf(resolved), depth + 1);
				return item === undefined ? [] : [item];
			}
			case 'string':
				return 'sample';
			case 'integer':
			case 'number':
				return 1;
			case 'boolean':
				return true;
			default:
				return undefined;
		}
	}
}

/** Every envelope Amazon ships for a schema file, or one built from the schema when it ships none. */
export function envelopesOf(schema: SchemaFile, notificationType: string): Array<{ envelope: Record<string, unknown>; official: boolean }> {
	const examples = (schema.document.examples ?? []).filter((e): e is Record<string, unknown> => !!e && typeof e === 'object');
	if (examples.length) return examples.map((envelope) => ({ envelope, official: true }));
	const walker = new SchemaWalker(schema.document);
	const built = walker.sample() as Record<string, unknown>;
	const typeKey = 'NotificationType' in built || walker.root?.properties?.NotificationType ? 'NotificationType' : 'notificationType';
	return [{ envelope: { ...built, [typeKey]: notificationType }, official: false }];
}
