/** The short human summary `npm run demo` prints, in English or Chinese (`--lang zh`). */
import * as path from 'node:path';
import type { DemoSummary } from './flagship';

export type SummaryLanguage = 'en' | 'zh';

const REGION_NAMES: Record<SummaryLanguage, Record<string, string>> = {
	en: { NA: 'North America', EU: 'Europe', FE: 'Far East' },
	zh: { NA: '北美', EU: '欧洲', FE: '远东' },
};

function utc(iso: string): string {
	return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** Pads by display width: CJK characters take two columns in a terminal. */
function pad(text: string, width: number, right = false): string {
	const cells = [...text].reduce((sum, ch) => sum + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
	const fill = ' '.repeat(Math.max(0, width - cells));
	return right ? fill + text : text + fill;
}

function relative(file: string): string {
	const rel = path.relative(process.cwd(), file);
	return rel.startsWith('..') ? file : rel;
}

export function formatSummary(summary: DemoSummary, language: SummaryLanguage = 'en'): string {
	const zh = language === 'zh';
	const lines: string[] = [];
	const refundCount = summary.marketplaces.reduce((sum, line) => sum + line.refunds, 0);
	lines.push(
		zh
			? 'ACORN 演示：同一个每日退款流程，分别由北美、欧洲、远东的一个卖家各用自己的一个凭证运行，不做任何修改（本地模拟器，无需亚马逊账号，不联网）'
			: 'ACORN demo: the same daily refunds workflow run unedited by a seller in North America, one in Europe and one in the Far East, each with its one credential (local emulator, no Amazon account, no internet)',
	);
	lines.push('');
	lines.push(zh ? `最近 24 小时的退款（${utc(summary.window.from)} → ${utc(summary.window.to)}）：${refundCount} 笔` : `Refunds of the last 24 hours (${utc(summary.window.from)} → ${utc(summary.window.to)}): ${refundCount}`);
	const head = zh ? ['站点', '笔数', '件数', '合计（对你账款的影响）'] : ['Marketplace', 'Refunds', 'Units', 'Total (effect on your money)'];
	lines.push(`  ${pad(head[0], 16)}${pad(head[1], 9, true)}${pad(head[2], 7, true)}   ${head[3]}`);
	for (const line of summary.marketplaces) {
		lines.push(`  ${pad(line.marketplaceName, 16)}${pad(String(line.refunds), 9, true)}${pad(String(line.units), 7, true)}   ${line.total} ${line.currency}`);
	}
	if (summary.marketplaces.length === 0) lines.push(zh ? '  （没有退款）' : '  (no refunds)');
	const totals = summary.totals.map((total) => `${total.total} ${total.currency} (${total.refunds})`).join(' · ');
	if (totals) lines.push(zh ? `  按币种合计：${totals}` : `  Per currency: ${totals}`);
	lines.push('');
	lines.push(
		zh
			? '退货原因（Refunds 节点自动申请 FBA 退货报告，按订单号 + SKU 匹配，近 29 天的退款）：'
			: 'Return reasons (the Refunds node requested the FBA customer returns reports itself and matched by order ID + SKU; refunds of the last 29 days):',
	);
	for (const region of summary.regions) {
		const name = REGION_NAMES[language][region.region] ?? region.region;
		lines.push(
			zh
				? `  ${pad(name, 6)} ${region.refundsFetched} 笔退款，${region.matched} 笔找到退货原因（${region.returnsReports} 份退货报告）`
				: `  ${pad(name, 14)} ${region.refundsFetched} refunds, ${region.matched} with a return reason (${region.returnsReports} returns report${region.returnsReports === 1 ? '' : 's'})`,
		);
	}
	lines.push('');
	lines.push(zh ? `退款异常提醒：${summary.alerts.length} 条` : `Refund alerts raised: ${summary.alerts.length}`);
	for (const alert of summary.alerts) lines.push(`  ⚠ ${alert.message}`);
	if (summary.alerts.length === 0) lines.push(zh ? '  （一切正常，没有发送钉钉消息）' : '  (nothing unusual; no DingTalk message sent)');
	if (summary.dingTalk.posted > 0) {
		const got = summary.dingTalk.accepted;
		lines.push(
			zh
				? `钉钉机器人（本地接收端 ${summary.dingTalk.url}，校验 timestamp + sign 签名）：收到 ${got.length} 条消息${summary.dingTalk.rejected.length ? `，拒收 ${summary.dingTalk.rejected.length} 条` : ''}`
				: `DingTalk robot (local receiver at ${summary.dingTalk.url}, timestamp + sign checked): accepted ${got.length} message${got.length === 1 ? '' : 's'}${summary.dingTalk.rejected.length ? `, refused ${summary.dingTalk.rejected.length}` : ''}`,
		);
		for (const message of got) lines.push(`  ${message.msgtype} «${message.title ?? ''}», ${message.text.split('\n').filter((line) => line.startsWith('- ')).length} ${zh ? '行提醒' : 'alert line(s)'}`);
	}
	lines.push('');
	lines.push(zh ? '文件：' : 'Files:');
	lines.push(
		zh
			? `  ${relative(summary.files.csv)}（${summary.files.csvLines} 行含表头，UTF-8 带 BOM，Excel 可直接打开；金额为精确小数）`
			: `  ${relative(summary.files.csv)} (${summary.files.csvLines} lines with the header, UTF-8 with BOM for Excel; exact decimal amounts)`,
	);
	lines.push(zh ? `  ${relative(summary.files.alerts)}（异常检测的完整结果）` : `  ${relative(summary.files.alerts)} (the anomaly check's full output)`);
	lines.push('');
	lines.push(zh ? `用时 ${summary.seconds.toFixed(1)} 秒。导入真实 n8n：examples/daily-refunds-flagship.json` : `Took ${summary.seconds.toFixed(1)} s. To use it in your n8n, import examples/daily-refunds-flagship.json`);
	return lines.join('\n');
}
