/**
 * Seeded PRNG for the data generator. Each seller and marketplace gets its own stream derived from the
 * seed, so generating sellers lazily and in any order still gives the same data.
 */

/** cyrb53-style string hash: good spread, deterministic, no dependencies. */
export function hashString(text: string): number {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ ch, 2654435761);
		h2 = Math.imul(h2 ^ ch, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (h2 >>> 0) * 4294967296 + (h1 >>> 0);
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export class Random {
	private state: number;

	constructor(seed: number, ...streamNames: string[]) {
		this.state = hashString(`${seed}|${streamNames.join('|')}`) % 4294967296 >>> 0;
	}

	/** mulberry32: uniform in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	digits(length: number): string {
		let out = '';
		for (let i = 0; i < length; i++) out += String(this.int(0, 9));
		return out;
	}

	upperAlnum(length: number): string {
		return this.fromAlphabet(UPPER_ALNUM, length);
	}

	base64url(length: number): string {
		return this.fromAlphabet(BASE64URL, length);
	}

	private fromAlphabet(alphabet: string, length: number): string {
		let out = '';
		for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
		return out;
	}
}
