/**
 * Seller-fulfilled return requests still waiting for the seller, with the time left to answer.
 *
 * "Waiting" is read from the report's request status ("Return request status" in the flat file,
 * <return_request_status> in the XML): a status that starts with "Pending" (Seller Central lists such
 * requests under "Pending Actions" as "Pending Authorization"), or one the user adds. Amazon does not
 * document the report's exact wording for a waiting request; authorised ones read "Approved".
 * The time left is counted from the request date: requested at + response window − now.
 */
import type { IDataObject } from 'n8n-workflow';
import { toLocalIso } from '../../sp-api/dates';
import { marketplaceOfEvent } from '../../sp-api/finances/marketplaceOfEvent';
import type { ReturnLine } from './returnLines';

const HOUR_MS = 3_600_000;

export type MessageLanguage = 'en' | 'zh';

export interface AwaitingSettings {
	nowMs: number;
	windowHours: number;
	/** More status values that mean "waiting for the seller" (compared without case, spaces or separators). */
	extraStatuses?: readonly string[];
	includeOverdue: boolean;
	language: MessageLanguage;
}

export interface AwaitingRequest {
	line: ReturnLine;
	requestedAtMs: number;
	respondByMs: number;
	/** Negative once the window has closed. */
	msLeft: number;
}

function statusKey(status: string): string {
	return status.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function isAwaitingStatus(status: string | undefined, extraStatuses: readonly string[] = []): boolean {
	if (!status) return false;
	const key = statusKey(status);
	return key.startsWith('pending') || extraStatuses.some((extra) => statusKey(extra) !== '' && statusKey(extra) === key);
}

/** The waiting requests among the lines, most urgent first (overdue ones on top when included). */
export function awaitingRequests(lines: Iterable<ReturnLine>, settings: AwaitingSettings): AwaitingRequest[] {
	const out: AwaitingRequest[] = [];
	for (const line of lines) {
		if (line.channel !== 'MFN' || !line.row || !line.date) continue;
		if (!isAwaitingStatus(line.row.status, settings.extraStatuses)) continue;
		const requestedAtMs = line.date.earliestMs;
		const respondByMs = requestedAtMs + settings.windowHours * HOUR_MS;
		const msLeft = respondByMs - settings.nowMs;
		if (msLeft < 0 && !settings.includeOverdue) continue;
		out.push({ line, requestedAtMs, respondByMs, msLeft });
	}
	return out.sort((a, b) => a.msLeft - b.msLeft || a.line.row!.amazonOrderId.localeCompare(b.line.row!.amazonOrderId));
}

function hours(ms: number): number {
	return Math.round(Math.abs(ms) / (HOUR_MS / 10)) / 10;
}

/** 2025-03-16 09:30 (local, to the minute) for a message. */
function readableLocal(ms: number, timeZone: string): string {
	return (toLocalIso(new Date(ms), timeZone) ?? new Date(ms).toISOString()).slice(0, 16).replace('T', ' ');
}

export function awaitingMessage(request: AwaitingRequest, language: MessageLanguage, reasonText?: string): string {
	const { line } = request;
	const row = line.row!;
	const store = marketplaceOfEvent(line.marketplace.id, undefined).name ?? line.marketplace.id;
	const due = `${readableLocal(request.respondByMs, line.marketplace.timeZone)} ${line.marketplace.timeZone}`;
	const left = hours(request.msLeft);
	const reason = row.reason ? `${row.reason}${reasonText ? ` “${reasonText}”` : ''}` : undefined;
	if (language === 'zh') {
		const what = [`订单 ${row.amazonOrderId}`, row.sellerSku ? `SKU ${row.sellerSku}` : undefined, reason ? `原因 ${reason}` : undefined].filter(Boolean).join('，');
		return request.msLeft >= 0
			? `退货请求待处理（${store}）：${what}。还剩 ${left} 小时，请在 ${due} 前处理。`
			: `退货请求已超时（${store}）：${what}。已超过处理时限 ${left} 小时（截止 ${due}）。`;
	}
	const details = [row.sellerSku ? `SKU ${row.sellerSku}` : undefined, row.quantity ? `${row.quantity} unit${row.quantity === 1 ? '' : 's'}` : undefined, reason ? `reason ${reason}` : undefined]
		.filter(Boolean)
		.join(', ');
	const what = `Return request for order ${row.amazonOrderId}${details ? ` (${details})` : ''} on ${store}`;
	return request.msLeft >= 0 ? `${what}: ${left} hours left to respond (by ${due}).` : `${what} is ${left} hours overdue (the response was due ${due}).`;
}

/** The fields Awaiting Action adds to a return line's item. */
export function awaitingFields(request: AwaitingRequest, settings: AwaitingSettings, reasonText?: string): IDataObject {
	const { line } = request;
	return {
		requestedAt: line.date!.hasTime ? new Date(request.requestedAtMs).toISOString() : line.date!.iso,
		requestTimeKnown: line.date!.hasTime,
		respondBy: new Date(request.respondByMs).toISOString(),
		respondByLocal: toLocalIso(new Date(request.respondByMs), line.marketplace.timeZone),
		hoursLeft: request.msLeft < 0 ? -hours(request.msLeft) || 0 : hours(request.msLeft),
		minutesLeft: Math.round(request.msLeft / 60_000),
		overdue: request.msLeft < 0,
		responseWindowHours: settings.windowHours,
		checkedAt: new Date(settings.nowMs).toISOString(),
		message: awaitingMessage(request, settings.language, reasonText),
	};
}
