/**
 * Which language ACORN speaks: English unless the person running n8n asks for Chinese.
 *
 * n8n's own node-translation files are returned by n8n 2.41's `/rest/node-types` but not applied by its
 * editor (measured: ../shared/notes/n8n-runtime.md), so ACORN builds its descriptions in the chosen
 * language itself. One setting, read from the environment of the n8n process:
 *   ACORN_LANGUAGE=zh-CN   (also zh, zh_CN, zh-Hans; en or empty = English)
 * When ACORN_LANGUAGE is not set, an n8n started with N8N_DEFAULT_LOCALE=zh… gets Chinese too.
 */
export type AcornLanguage = 'en' | 'zh-CN';

export const LANGUAGE_VARIABLE = 'ACORN_LANGUAGE';

function normalize(value: string | undefined): AcornLanguage | undefined {
	const text = (value ?? '').trim().toLowerCase().replace('_', '-');
	if (!text) return undefined;
	if (text === 'zh' || text.startsWith('zh-') || text === 'cn' || text === 'chinese' || text === '中文') return 'zh-CN';
	return 'en';
}

/** Read on every call (not cached) so a test can switch it; costs one environment lookup. */
export function currentLanguage(env: NodeJS.ProcessEnv = process.env): AcornLanguage {
	return normalize(env[LANGUAGE_VARIABLE]) ?? (normalize(env.N8N_DEFAULT_LOCALE) === 'zh-CN' ? 'zh-CN' : 'en');
}
