/**
 * The stand-ins the playbook examples (tax reports, account health, refund approval, return reminders)
 * need in the e2e world, kept apart from world.ts so the two merge easily: WeCom and Feishu group
 * robots, two ERP webhook paths, and the review sheet of the refund approval.
 */
import { feishuBot } from '../harness/thirdParty/feishu';
import type { GoogleSheetsApi } from '../harness/thirdParty/googleSheets';
import { erpWebhook, type StandIn } from '../harness/thirdParty/standIns';
import { weComRobot } from '../harness/thirdParty/weCom';

/** Placeholders the playbook examples ship with; the stand-ins accept exactly these. */
export const PLAYBOOK_PLACEHOLDERS = {
	weComKey: 'YOUR_WECOM_ROBOT_KEY',
	feishuToken: 'YOUR_FEISHU_HOOK_TOKEN',
	feishuSecret: 'YOUR_FEISHU_SECRET',
	erpTaxPath: '/api/amazon/tax-reports',
	erpRefundsPath: '/api/amazon/refunds',
	reviewSheet: 'Refund review',
};

/** Sheets (tabs) the playbooks expect to exist in the seller's spreadsheet (empty: n8n writes the header). */
export const PLAYBOOK_SHEETS: Record<string, unknown[][]> = { [PLAYBOOK_PLACEHOLDERS.reviewSheet]: [] };

export interface PlaybookStandIns {
	weCom: ReturnType<typeof weComRobot>;
	feishu: ReturnType<typeof feishuBot>;
	erpTax: ReturnType<typeof erpWebhook>;
	erpRefunds: ReturnType<typeof erpWebhook>;
	/** Stand-ins per intercepted host (erp.example.com is shared with world.ts). */
	hosts: Record<string, StandIn[]>;
	/** Forgets what was received (between two runs). */
	clear(sheets?: GoogleSheetsApi): void;
}

export function playbookStandIns(erpApiKey: string): PlaybookStandIns {
	const weCom = weComRobot({ key: PLAYBOOK_PLACEHOLDERS.weComKey });
	const feishu = feishuBot({ token: PLAYBOOK_PLACEHOLDERS.feishuToken, secret: PLAYBOOK_PLACEHOLDERS.feishuSecret });
	const erpTax = erpWebhook({ path: PLAYBOOK_PLACEHOLDERS.erpTaxPath, headerName: 'X-Api-Key', apiKey: erpApiKey });
	const erpRefunds = erpWebhook({ path: PLAYBOOK_PLACEHOLDERS.erpRefundsPath, headerName: 'X-Api-Key', apiKey: erpApiKey });
	return {
		weCom,
		feishu,
		erpTax,
		erpRefunds,
		hosts: { 'qyapi.weixin.qq.com': [weCom], 'open.feishu.cn': [feishu], 'erp.example.com': [erpTax, erpRefunds] },
		clear(sheets) {
			for (const list of [weCom.messages, weCom.rejected, feishu.messages, feishu.rejected, erpTax.received, erpRefunds.received]) list.splice(0);
			if (sheets) for (const title of sheets.titles().filter((name) => /^Tax \d{4}-\d{2}$/.test(name))) sheets.removeSheet(title);
		},
	};
}
