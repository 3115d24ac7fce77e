/**
 * The sentences of Shortage Watch, ready to paste into DingTalk, WeCom or Slack, in the language the
 * node's "Message Language" field picks (not the editor's language: the team reading the chat decides).
 * Dates are written in the workflow's time zone; amounts exactly as computed, with their currency.
 */
import { DateTime } from 'luxon';
import type { MessageLanguage } from '../../sp-api/n8n/messageLanguage';
import type { Money } from '../../sp-api/money';
import type { AsnFinding, LineResult, WatchSettings } from './shortageWatch';
import { totals } from './format';

export type { MessageLanguage };

function when(iso: string | number | undefined, zone: string): string {
	if (iso === undefined) return '?';
	const date = typeof iso === 'number' ? DateTime.fromMillis(iso) : DateTime.fromISO(iso);
	return date.isValid ? date.setZone(zone).toFormat('yyyy-MM-dd HH:mm') : String(iso);
}

function day(iso: string | undefined, zone: string): string {
	const date = iso ? DateTime.fromISO(iso) : undefined;
	return date?.isValid ? date.setZone(zone).toFormat('yyyy-MM-dd') : '?';
}

function amounts(values: readonly (Money | undefined)[], joiner: string): string {
	return totals(values)
		.map((value) => `${String(value.amount)} ${String(value.currency)}`)
		.join(joiner);
}

function product(result: LineResult): string {
	return result.line.asin ?? result.line.vendorSku ?? '?';
}

export function lineSentence(result: LineResult, settings: WatchSettings): string {
	const { line } = result;
	const zh = settings.language === 'zh';
	const where = zh ? `采购订单 ${line.purchaseOrderNumber} 第 ${line.itemSequenceNumber} 行（${product(result)}）` : `PO ${line.purchaseOrderNumber} line ${line.itemSequenceNumber} (${product(result)})`;
	switch (result.finding) {
		case 'shortage': {
			const amount = result.missingValue ? `${result.missingValue.amount} ${result.missingValue.currency}` : undefined;
			const value = amount ? (zh ? `（${amount}）` : ` (${amount})`) : '';
			const missing = zh ? `${where}：发货 ${result.shippedUnits} 件，亚马逊收到 ${result.receivedUnits} 件，缺少 ${result.missingUnits} 件${value}` : `${where}: ${result.missingUnits} of ${result.shippedUnits} shipped units missing${value}, Amazon received ${result.receivedUnits}`;
			if (result.deadlineMs === undefined) return zh ? `${missing}；无法计算争议期限。` : `${missing}; no date to count the dispute window from.`;
			if (!result.atRisk) return zh ? `${missing}；争议期已于 ${when(result.deadlineMs, settings.zone)} 结束。` : `${missing}; the dispute window closed on ${when(result.deadlineMs, settings.zone)}.`;
			return zh
				? `${missing}；争议截止 ${when(result.deadlineMs, settings.zone)}（还剩 ${result.hoursLeft} 小时）。`
				: `${missing}; dispute by ${when(result.deadlineMs, settings.zone)} (${result.hoursLeft} hours left).`;
		}
		case 'overReceived':
			return zh
				? `${where}：亚马逊收到 ${result.receivedUnits} 件，ASN 为 ${result.shippedUnits} 件（多 ${result.overReceivedUnits} 件）。`
				: `${where}: Amazon received ${result.receivedUnits} units, the ASNs said ${result.shippedUnits} (+${result.overReceivedUnits}).`;
		case 'awaitingReceipt':
			return zh
				? `${where}：${result.shippedUnits} 件已于 ${day(result.lastShippedDate, settings.zone)} 发货，亚马逊尚未收货。`
				: `${where}: ${result.shippedUnits} units shipped on ${day(result.lastShippedDate, settings.zone)}, nothing received yet.`;
		case 'notShipped':
			return zh ? `${where}：还没有 ASN。` : `${where}: no ASN yet.`;
		case 'matched':
			return zh ? `${where}：发货与收货一致（${result.receivedUnits} 件）。` : `${where}: shipped and received match (${result.receivedUnits} units).`;
	}
}

export function asnSentence(finding: AsnFinding, settings: WatchSettings): string {
	const zh = settings.language === 'zh';
	if (finding.reason === 'unknownPurchaseOrder') {
		return zh
			? `ASN ${finding.vendorShipmentIdentifier} 为采购订单 ${finding.purchaseOrderNumber} 发货 ${finding.shippedUnits} 件，但亚马逊找不到该采购订单。`
			: `ASN ${finding.vendorShipmentIdentifier} ships ${finding.shippedUnits} units for PO ${finding.purchaseOrderNumber}, which Amazon does not know.`;
	}
	return zh
		? `ASN ${finding.vendorShipmentIdentifier} 为采购订单 ${finding.purchaseOrderNumber} 发货 ${finding.shippedUnits} 件，但亚马逊显示该订单未确认。`
		: `ASN ${finding.vendorShipmentIdentifier} ships ${finding.shippedUnits} units for PO ${finding.purchaseOrderNumber}, which Amazon shows as not acknowledged.`;
}

export interface SummaryFacts {
	atRisk: readonly LineResult[];
	over: number;
	asnFindings: number;
	purchaseOrders: number;
	lines: number;
}

export function summarySentence(facts: SummaryFacts, settings: WatchSettings): string {
	const zh = settings.language === 'zh';
	const since = day(settings.period.start.toISOString(), settings.zone);
	const extras: string[] = [];
	if (facts.over > 0) extras.push(zh ? `${facts.over} 行多收` : `${facts.over} line${facts.over === 1 ? '' : 's'} over-received`);
	if (facts.asnFindings > 0) extras.push(zh ? `${facts.asnFindings} 个 ASN 对应未确认的采购订单` : `${facts.asnFindings} ASN${facts.asnFindings === 1 ? '' : 's'} for unacknowledged POs`);
	const also = extras.length ? (zh ? `另有：${extras.join('，')}。` : ` Also: ${extras.join(', ')}.`) : '';
	if (facts.atRisk.length === 0) {
		return zh
			? `亚马逊缺货预警：自 ${since} 起的 ${facts.purchaseOrders} 个采购订单（${facts.lines} 行）中没有风险行。${also}`
			: `Amazon Shortage Watch: no PO line at risk in ${facts.purchaseOrders} purchase order${facts.purchaseOrders === 1 ? '' : 's'} (${facts.lines} line${facts.lines === 1 ? '' : 's'}) since ${since}.${also}`;
	}
	const units = facts.atRisk.reduce((sum, result) => sum + result.missingUnits, 0);
	const first = facts.atRisk[0];
	const value = amounts(facts.atRisk.map((result) => result.missingValue), ' + ');
	const deadline = first.deadlineMs !== undefined ? when(first.deadlineMs, settings.zone) : '?';
	return zh
		? `亚马逊缺货预警：${facts.atRisk.length} 个采购订单行有风险，缺少 ${units} 件，价值 ${value}；最早的争议期限还剩 ${first.hoursLeft ?? '?'} 小时（采购订单 ${first.line.purchaseOrderNumber} 第 ${first.line.itemSequenceNumber} 行，${deadline}）。${also}`
		: `Amazon Shortage Watch: ${facts.atRisk.length} PO line${facts.atRisk.length === 1 ? '' : 's'} at risk — ${units} units missing, worth ${value}; the first dispute window closes in ${first.hoursLeft ?? '?'} hours (PO ${first.line.purchaseOrderNumber} line ${first.line.itemSequenceNumber}, ${deadline}).${also}`;
}
