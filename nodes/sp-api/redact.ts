/**
 * Keeps secrets out of everything a person or a log can see. Known secret values (client secrets,
 * refresh tokens, access tokens) are registered when they are read or issued and replaced wherever
 * they appear; token-shaped strings are caught by pattern even when nobody registered them.
 */

export const REDACTED = '[redacted]';

/** Shorter values would redact ordinary words; real LWA secrets are far longer. */
const MIN_SECRET_LENGTH = 8;
/** Access tokens are issued hourly; keep the newest ones without growing forever. */
const MAX_REGISTERED_SECRETS = 2000;

const SECRET_PATTERNS: readonly RegExp[] = [
	// LWA access and refresh tokens (prefixes "Atza" and "Atzr" followed by a bar)
	/Atz[ar]\|[A-Za-z0-9\-_.~+/=|%]+/g,
	// LWA client secrets
	/amzn1\.oa2-cs\.v1\.[A-Za-z0-9]+/g,
	// headers and form or JSON fields that carry secrets, whatever their value looks like
	/((?:x-amz-access-token|x-amz-security-token|authorization)["']?\s*[:=]\s*["']?)([^"',\s}]+(?:\s[^"',\s}]+)?)/gi,
	/((?:access_token|refresh_token|client_secret|secretAccessKey|sessionToken|aws_secret_access_key)["']?\s*[:=]\s*["']?)([^"'&,\s}]+)/gi,
];

class SecretRegistry {
	private readonly values = new Set<string>();
	private longestFirst: string[] | undefined;

	register(...secrets: Array<string | undefined | null>): void {
		for (const secret of secrets) {
			if (typeof secret !== 'string') continue;
			const value = secret.trim();
			if (value.length < MIN_SECRET_LENGTH) continue;
			// re-insert so the newest stay when the oldest are evicted
			this.values.delete(value);
			this.values.add(value);
			if (value.includes('%') === false && encodeURIComponent(value) !== value) {
				this.values.add(encodeURIComponent(value));
			}
		}
		this.longestFirst = undefined;
		while (this.values.size > MAX_REGISTERED_SECRETS) {
			const oldest = this.values.values().next().value as string;
			this.values.delete(oldest);
		}
	}

	redactText(text: string): string {
		let out = text;
		// longest first, so a secret that contains another is replaced whole
		this.longestFirst ??= [...this.values].sort((a, b) => b.length - a.length);
		for (const value of this.longestFirst) {
			if (out.includes(value)) out = out.split(value).join(REDACTED);
		}
		for (const pattern of SECRET_PATTERNS) {
			// patterns with groups keep their field name and hide only the value
			out = out.replace(pattern, (_match: string, prefix: unknown) =>
				typeof prefix === 'string' ? `${prefix}${REDACTED}` : REDACTED,
			);
		}
		return out;
	}
}

const registry = new SecretRegistry();

export function registerSecrets(...secrets: Array<string | undefined | null>): void {
	registry.register(...secrets);
}

export function redact(text: string): string {
	return registry.redactText(text);
}

const SECRET_KEYS = /^(x-amz-access-token|authorization|access_token|refresh_token|client_secret|clientSecret|refreshToken|accessToken|secretAccessKey|sessionToken|x-amz-security-token)$/i;

/** Deep copy with secret values and secret-named fields redacted; safe for item JSON and error context. */
export function redactDeep<T>(value: T, seen = new WeakMap<object, unknown>()): T {
	if (typeof value === 'string') return redact(value) as T;
	if (value === null || typeof value !== 'object') return value;
	if (seen.has(value as object)) return seen.get(value as object) as T;
	if (Array.isArray(value)) {
		const copy: unknown[] = [];
		seen.set(value, copy);
		for (const entry of value) copy.push(redactDeep(entry, seen));
		return copy as T;
	}
	if (value instanceof Date || Buffer.isBuffer(value)) return value;
	const copy: Record<string, unknown> = {};
	seen.set(value as object, copy);
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		copy[key] = SECRET_KEYS.test(key) && entry !== undefined && entry !== null && entry !== '' ? REDACTED : redactDeep(entry, seen);
	}
	return copy as T;
}
