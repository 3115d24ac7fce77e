import type { INodeTypeDescription } from 'n8n-workflow';
import { localizedCodex, type CodexFile } from '../i18n/docs';
import { localizedNodeDescription } from '../i18n/translate';
import { withReadableSubtitle } from './subtitle';

/**
 * What a node shows in the n8n editor, built once in its constructor: labels in the language chosen by
 * ACORN_LANGUAGE (English by default), a canvas subtitle in words, and docs links into the README of
 * that language. `subtitleFrom` names the multi-select a trigger without operations is summed up by.
 */
export function editorDescription(description: INodeTypeDescription, codex: CodexFile, subtitleFrom?: string): INodeTypeDescription {
	const shown = withReadableSubtitle(localizedNodeDescription(description), subtitleFrom);
	const localCodex = localizedCodex(codex);
	return localCodex ? { ...shown, codex: localCodex } : shown;
}
