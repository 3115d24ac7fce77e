/**
 * Reports API 2021-06-30: reports (create, get, list, cancel), documents (presigned URLs that expire
 * after five minutes), and schedules. getReports pages with a token that must be sent alone, as Amazon
 * requires ("Specifying nextToken with any other parameters will cause the request to fail").
 */
import { createHash } from 'node:crypto';
import { ApiError, invalidInput, unauthorized, type ApiResponse } from '../http/errors';
import { listParam, optionalDateTime } from '../params';
import type { ReportRecord, ReportStore } from '../reports/store';
import { sellerOf, type RouteContext, type RouteHandler, type RouteTable } from './types';

const STATUSES = ['IN_QUEUE', 'IN_PROGRESS', 'DONE', 'CANCELLED', 'FATAL'];
const NINETY_DAYS = 90 * 86_400_000;

function store(context: RouteContext): ReportStore {
	return context.reports;
}

function notFound(what: string): ApiError {
	return new ApiError(404, 'NotFound', `${what} was not found.`, '');
}

interface ReportsQuery {
	reportTypes: string[];
	processingStatuses?: string[];
	marketplaceIds?: string[];
	createdSince: number;
	createdUntil: number;
	pageSize: number;
	offset: number;
	sellerId: string;
}

const checksum = (text: string): string => createHash('sha256').update(`emulator-reports|${text}`).digest('base64').slice(0, 16);

function encodeToken(query: ReportsQuery): string {
	const json = JSON.stringify(query);
	return `${Buffer.from(json, 'utf8').toString('base64')}.${checksum(json)}`;
}

function decodeToken(token: string, sellerId: string): ReportsQuery {
	const [data, sum] = token.split('.');
	try {
		const json = Buffer.from(data ?? '', 'base64').toString('utf8');
		if (checksum(json) === sum) {
			const query = JSON.parse(json) as ReportsQuery;
			if (query.sellerId === sellerId) return query;
		}
	} catch {
		// fall through
	}
	throw invalidInput('Invalid nextToken: the token is malformed or was not issued for this seller.');
}

function readQuery(request: Parameters<RouteHandler>[0], now: number): ReportsQuery {
	const q = request.query;
	const reportTypes = listParam(q, 'reportTypes');
	if (!reportTypes) throw invalidInput('Either reportTypes or nextToken is required.');
	if (reportTypes.length > 10) throw invalidInput('Invalid reportTypes: at most 10 report types are allowed.');
	const processingStatuses = listParam(q, 'processingStatuses');
	for (const status of processingStatuses ?? []) {
		if (!STATUSES.includes(status)) throw invalidInput(`Invalid processingStatuses: "${status}". Allowed values: ${STATUSES.join(', ')}.`);
	}
	const marketplaceIds = listParam(q, 'marketplaceIds');
	if (marketplaceIds && marketplaceIds.length > 10) throw invalidInput('Invalid marketplaceIds: at most 10 marketplaces are allowed.');
	const sizeText = q.get('pageSize');
	const pageSize = sizeText === null ? 10 : /^\d+$/.test(sizeText) ? Number(sizeText) : NaN;
	if (!(pageSize >= 1 && pageSize <= 100)) throw invalidInput(`Invalid pageSize: "${sizeText}". It must be an integer from 1 to 100.`);
	const createdSince = optionalDateTime(q, 'createdSince') ?? now - NINETY_DAYS;
	const createdUntil = optionalDateTime(q, 'createdUntil') ?? now;
	if (createdSince > createdUntil) throw invalidInput('Invalid date range: createdSince must be before createdUntil.');
	return { reportTypes, processingStatuses, marketplaceIds, createdSince, createdUntil, pageSize, offset: 0, sellerId: sellerOf(request).sellerId };
}

const getReports: RouteHandler = (request, context) => {
	const seller = sellerOf(request);
	const reports = store(context);
	reports.sync();
	const now = context.clock.nowMs();
	const token = request.query.get('nextToken');
	let query: ReportsQuery;
	if (token !== null) {
		const others = [...new Set(request.query.keys())].filter((name) => name !== 'nextToken');
		if (others.length > 0) throw invalidInput(`nextToken must be the only parameter; remove ${others.join(', ')}.`);
		query = decodeToken(token, seller.sellerId);
	} else query = readQuery(request, now);
	const matches = (record: ReportRecord): boolean =>
		query.reportTypes.includes(record.reportType) &&
		record.createdAt >= query.createdSince &&
		record.createdAt <= query.createdUntil &&
		record.createdAt > now - NINETY_DAYS &&
		(query.marketplaceIds === undefined || record.marketplaceIds.some((id) => query.marketplaceIds!.includes(id))) &&
		(query.processingStatuses === undefined || query.processingStatuses.includes(reports.status(record, now)));
	const all = reports.allReports(seller).filter(matches);
	const page = all.slice(query.offset, query.offset + query.pageSize);
	const body: Record<string, unknown> = { reports: page.map((record) => reports.view(record)) };
	if (query.offset + query.pageSize < all.length) body.nextToken = encodeToken({ ...query, offset: query.offset + query.pageSize });
	return { status: 200, body };
};

const createReport: RouteHandler = (request, context) => {
	const record = store(context).create(sellerOf(request), request.body);
	return { status: 202, body: { reportId: record.reportId } };
};

const getReport: RouteHandler = (request, context) => {
	const record = store(context).find(sellerOf(request), request.pathParams.reportId);
	if (!record) throw notFound(`Report ${request.pathParams.reportId}`);
	return { status: 200, body: store(context).view(record) };
};

const cancelReport: RouteHandler = (request, context): ApiResponse => {
	store(context).cancel(sellerOf(request), request.pathParams.reportId);
	return { status: 200 };
};

const getReportDocument: RouteHandler = (request, context) => {
	const seller = sellerOf(request);
	const reports = store(context);
	const document = reports.document(seller.sellerId, request.pathParams.reportDocumentId);
	if (!document) throw notFound(`Report document ${request.pathParams.reportDocumentId}`);
	// restricted report types (buyer data): only with a Restricted Data Token for this document's path
	if (document.restricted && !request.restrictedDataToken) throw unauthorized('');
	const flag = request.query.get('enableContentEncodingUrlHeader');
	if (flag !== null && flag !== 'true' && flag !== 'false') throw invalidInput(`Invalid enableContentEncodingUrlHeader: "${flag}". Use true or false.`);
	const body: Record<string, unknown> = { reportDocumentId: document.documentId, url: reports.presign(document, flag === 'true') };
	if (reports.documentStyle.compression === 'gzip') body.compressionAlgorithm = 'GZIP';
	return { status: 200, body };
};

const createReportSchedule: RouteHandler = (request, context) => {
	const schedule = store(context).createSchedule(sellerOf(request), request.body);
	return { status: 201, body: { reportScheduleId: schedule.reportScheduleId } };
};

const getReportSchedules: RouteHandler = (request, context) => {
	const reportTypes = listParam(request.query, 'reportTypes');
	if (!reportTypes) throw invalidInput('Missing reportTypes: it is required.');
	if (reportTypes.length > 10) throw invalidInput('Invalid reportTypes: at most 10 report types are allowed.');
	const reports = store(context);
	return { status: 200, body: { reportSchedules: reports.listSchedules(sellerOf(request), reportTypes).map((schedule) => reports.scheduleView(schedule)) } };
};

const getReportSchedule: RouteHandler = (request, context) => {
	const reports = store(context);
	const schedule = reports.findSchedule(sellerOf(request), request.pathParams.reportScheduleId);
	if (!schedule) throw notFound(`Report schedule ${request.pathParams.reportScheduleId}`);
	return { status: 200, body: reports.scheduleView(schedule) };
};

const cancelReportSchedule: RouteHandler = (request, context): ApiResponse => {
	if (!store(context).cancelSchedule(sellerOf(request), request.pathParams.reportScheduleId)) throw notFound(`Report schedule ${request.pathParams.reportScheduleId}`);
	return { status: 200 };
};

export const reportsRoutes: RouteTable = {
	getReports,
	createReport,
	getReport,
	cancelReport,
	getReportDocument,
	createReportSchedule,
	getReportSchedules,
	getReportSchedule,
	cancelReportSchedule,
};
