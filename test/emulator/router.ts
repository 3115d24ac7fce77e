/**
 * Finds the operation of a request by method and path template, using the generated operation table,
 * so every SP-API operation ACORN knows is recognised even before the emulator implements it.
 */
import { OPERATIONS, type OperationKey } from '../../nodes/sp-api/generated/operations.generated';
import type { SpApiRegion } from './types';

interface CompiledOperation {
	key: OperationKey;
	method: string;
	pattern: RegExp;
	paramNames: string[];
	literalSegments: number;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const COMPILED: CompiledOperation[] = (Object.keys(OPERATIONS) as OperationKey[])
	.map((key) => {
		const { method, path } = OPERATIONS[key];
		const paramNames: string[] = [];
		const segments = path.split('/').filter(Boolean);
		const source = segments
			.map((segment) => {
				const param = /^\{(.+)\}$/.exec(segment);
				if (!param) return escapeRegExp(segment);
				paramNames.push(param[1]);
				return '([^/]+)';
			})
			.join('/');
		return {
			key,
			method,
			pattern: new RegExp(`^/${source}/?$`),
			paramNames,
			literalSegments: segments.length - paramNames.length,
		};
	})
	// A literal segment beats a parameter: /fulfillmentOrders/preview is not an order id.
	.sort((a, b) => b.literalSegments - a.literalSegments);

export interface OperationMatch {
	operation: OperationKey;
	pathParams: Record<string, string>;
}

export function matchOperation(method: string, path: string): OperationMatch | undefined {
	for (const candidate of COMPILED) {
		if (candidate.method !== method) continue;
		const found = candidate.pattern.exec(path);
		if (!found) continue;
		const pathParams: Record<string, string> = {};
		try {
			candidate.paramNames.forEach((name, index) => (pathParams[name] = decodeURIComponent(found[index + 1])));
		} catch {
			continue;
		}
		return { operation: candidate.key, pathParams };
	}
	return undefined;
}

const REGION_PREFIXES: Record<string, SpApiRegion> = { na: 'NA', eu: 'EU', fe: 'FE' };

/**
 * `/na/finances/...` → region NA and `/finances/...`; `/sandbox/eu/...` → region EU on the sandbox host
 * (Amazon's static sandbox); a bare Amazon path has no region.
 */
export function splitRegion(pathname: string): { region?: SpApiRegion; sandbox: boolean; path: string } {
	const found = /^(\/sandbox)?\/(na|eu|fe)(\/.*)?$/i.exec(pathname);
	if (!found) return { path: pathname, sandbox: false };
	return { region: REGION_PREFIXES[found[2].toLowerCase()], sandbox: found[1] !== undefined, path: found[3] ?? '/' };
}
