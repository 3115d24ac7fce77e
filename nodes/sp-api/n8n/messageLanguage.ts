/**
 * The "Message Language" field of every operation that writes a sentence for Slack, DingTalk, WeCom or
 * Feishu (Refunds, Vendor Shortage Watch, account health). One definition so the choices and their order
 * stay the same.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

export function messageLanguageProperty(
	displayOptions: IDisplayOptions,
	options: { name?: string; description?: string } = {},
): INodeProperties {
	return {
		displayName: 'Message Language',
		name: options.name ?? 'messageLanguage',
		type: 'options',
		default: 'en',
		options: [
			{ name: 'Chinese (简体中文)', value: 'zh' },
			{ name: 'English', value: 'en' },
		],
		description: options.description ?? 'Language of the "message" field, ready to paste into Slack or DingTalk',
		displayOptions,
	};
}

/** The value of a Message Language field. */
export type MessageLanguage = 'en' | 'zh';
