/**
 * The DingTalk alert of the flagship, as the "Build DingTalk message" Code node of
 * examples/daily-refunds-flagship.json builds it: one Markdown message, one line per anomaly, each
 * line the sentence the Detect Refund Anomalies node wrote.
 */
import type { IDataObject } from 'n8n-workflow';

export interface DingTalkMarkdown {
	title: string;
	text: string;
}

export function dingTalkAlertMessage(anomalies: readonly IDataObject[]): DingTalkMarkdown {
	return {
		title: `亚马逊退款异常 ${anomalies.length} 条`,
		text: `### 亚马逊退款异常 / Amazon refund alerts\n\n${anomalies.map((anomaly) => `- ${String(anomaly.message)}`).join('\n')}`,
	};
}
