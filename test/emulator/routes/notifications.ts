/**
 * Notifications v1. Destinations belong to the application and are managed with grantless tokens
 * (scope sellingpartnerapi::notifications); subscriptions belong to application and seller and are
 * created and read with the seller's token, but looked up and deleted by id with a grantless token —
 * the token kind per operation comes from the model (auth.ts refuses the wrong kind before this runs).
 * Error wording follows what Amazon answers (see the notes at each error).
 */
import { randomUUID } from 'node:crypto';
import { ApiError, invalidInput, unauthorized } from '../http/errors';
import { notificationTypeSpec } from '../notifications/envelope';
import type { DestinationRecord, NotificationsService, SubscriptionRecord } from '../notifications/service';
import { listParam } from '../params';
import { startPaging } from './paged';
import { sellerOf, type RouteContext, type RouteHandler, type RouteRequest, type RouteTable } from './types';

const NOTIFICATIONS_SCOPE = 'sellingpartnerapi::notifications';
const SQS_ARN = /^arn:aws:sqs:\S+:\S+:\S+/;

const notFound = () => new ApiError(404, 'NotFound', 'The resource specified does not exist.', '');

function service(context: RouteContext): NotificationsService {
	if (!context.notifications) throw new Error('the notifications service is not running');
	return context.notifications;
}

/** Grantless calls must use a token granted for the notifications scope, not another grantless scope. */
function assertNotificationsScope(request: RouteRequest, context: RouteContext): void {
	if (request.seller) return;
	const header = request.headers['x-amz-access-token'];
	const token = context.state.tokens.find(Array.isArray(header) ? header[0] : header ?? '');
	if (token?.kind === 'grantless' && token.scope !== NOTIFICATIONS_SCOPE) throw unauthorized('');
}

function body(request: RouteRequest): Record<string, unknown> {
	if (!request.body || typeof request.body !== 'object' || Array.isArray(request.body)) throw invalidInput('Invalid request body: a JSON object is required.');
	return request.body as Record<string, unknown>;
}

function destinationJson(d: DestinationRecord): Record<string, unknown> {
	return { name: d.name, destinationId: d.destinationId, resource: d.sqsArn ? { sqs: { arn: d.sqsArn } } : { eventBridge: d.eventBridge } };
}

function subscriptionJson(s: SubscriptionRecord): Record<string, unknown> {
	const out: Record<string, unknown> = { subscriptionId: s.subscriptionId, payloadVersion: s.payloadVersion, destinationId: s.destinationId };
	if (s.processingDirective) out.processingDirective = s.processingDirective;
	return out;
}

function ownDestination(request: RouteRequest, context: RouteContext, destinationId: string | undefined): DestinationRecord {
	const destination = destinationId ? service(context).destinations.get(destinationId) : undefined;
	if (!destination || destination.appKey !== request.app.key) throw notFound();
	return destination;
}

function knownType(name: string): NonNullable<ReturnType<typeof notificationTypeSpec>> {
	const spec = notificationTypeSpec(name);
	if (!spec) throw invalidInput(`Invalid notificationType: ${name}`);
	return spec;
}

const getDestinations: RouteHandler = (request, context) => {
	assertNotificationsScope(request, context);
	const own = [...service(context).destinations.values()].filter((d) => d.appKey === request.app.key);
	return { status: 200, body: { payload: own.map(destinationJson) } };
};

const createDestination: RouteHandler = (request, context) => {
	assertNotificationsScope(request, context);
	const input = body(request);
	const name = typeof input.name === 'string' ? input.name.trim() : '';
	if (!name) throw invalidInput('Invalid request: name is required.');
	if (name.length > 256) throw invalidInput('Invalid name: at most 256 characters.');
	const spec = input.resourceSpecification as Record<string, unknown> | undefined;
	const sqs = spec?.sqs as { arn?: unknown } | undefined;
	const eventBridge = spec?.eventBridge as { region?: unknown; accountId?: unknown } | undefined;
	if (!spec || (sqs === undefined) === (eventBridge === undefined)) {
		throw invalidInput('Invalid resourceSpecification: give exactly one of sqs or eventBridge.');
	}
	const notifications = service(context);
	const appId = notifications.applicationIdOf(request.app.key);
	const own = [...notifications.destinations.values()].filter((d) => d.appKey === request.app.key);
	const record: DestinationRecord = { destinationId: randomUUID(), appKey: request.app.key, name };
	if (sqs) {
		const arn = typeof sqs.arn === 'string' ? sqs.arn : '';
		if (!SQS_ARN.test(arn) || arn.length > 1000) throw invalidInput(`Invalid sqs arn: "${arn}" does not match ^arn:aws:sqs:\\S+:\\S+:\\S+`);
		// wording as Amazon answers a second destination for the same queue
		if (own.some((d) => d.sqsArn === arn)) {
			throw new ApiError(409, 'Conflict', 'The requested resource conflict with a resource in the server.', `A destination with arn ${arn} already exists for the application ${appId}`);
		}
		record.sqsArn = arn;
	} else {
		const region = typeof eventBridge!.region === 'string' ? eventBridge!.region : '';
		const accountId = typeof eventBridge!.accountId === 'string' ? eventBridge!.accountId : '';
		if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw invalidInput(`Invalid eventBridge region: "${region}"`);
		if (!/^\d{12}$/.test(accountId)) throw invalidInput(`Invalid eventBridge accountId: "${accountId}"`);
		// Amazon allows one EventBridge destination per AWS account
		if (own.some((d) => d.eventBridge?.accountId === accountId)) {
			throw new ApiError(409, 'Conflict', 'The requested resource conflict with a resource in the server.', `An EventBridge destination for account ${accountId} already exists for the application ${appId}`);
		}
		record.eventBridge = { name: `aws.partner/sellingpartnerapi.amazon/${accountId}/${appId}`, region, accountId };
	}
	notifications.destinations.set(record.destinationId, record);
	return { status: 200, body: { payload: destinationJson(record) } };
};

const getDestination: RouteHandler = (request, context) => {
	assertNotificationsScope(request, context);
	return { status: 200, body: { payload: destinationJson(ownDestination(request, context, request.pathParams.destinationId)) } };
};

const deleteDestination: RouteHandler = (request, context) => {
	assertNotificationsScope(request, context);
	const destination = ownDestination(request, context, request.pathParams.destinationId);
	const notifications = service(context);
	if ([...notifications.subscriptions.values()].some((s) => s.destinationId === destination.destinationId)) {
		// Amazon's words when subscriptions still point to the destination
		throw new ApiError(403, 'Unauthorized', 'The requested action is forbidden.', 'Destination has subscriptions');
	}
	notifications.destinations.delete(destination.destinationId);
	return { status: 200, body: {} };
};

function latest(subscriptions: SubscriptionRecord[], payloadVersion: string | null): SubscriptionRecord | undefined {
	const matching = subscriptions.filter((s) => payloadVersion === null || s.payloadVersion === payloadVersion);
	return matching.sort((a, b) => (a.payloadVersion < b.payloadVersion ? 1 : -1))[0];
}

const getSubscription: RouteHandler = (request, context) => {
	const seller = sellerOf(request);
	const type = knownType(request.pathParams.notificationType).type;
	const found = latest(service(context).subscriptionsOf(request.app.key, seller.sellerId, type), request.query.get('payloadVersion'));
	if (!found) throw notFound();
	return { status: 200, body: { payload: subscriptionJson(found) } };
};

const createSubscription: RouteHandler = (request, context) => {
	const seller = sellerOf(request);
	const spec = knownType(request.pathParams.notificationType);
	const input = body(request);
	const payloadVersion = typeof input.payloadVersion === 'string' ? input.payloadVersion : '';
	const destinationId = typeof input.destinationId === 'string' ? input.destinationId : '';
	if (!payloadVersion) throw invalidInput('Invalid request: payloadVersion is required.');
	if (!destinationId) throw invalidInput('Invalid request: destinationId is required.');
	if (!spec.payloadVersions.includes(payloadVersion)) {
		throw invalidInput(`Invalid payloadVersion ${payloadVersion} for ${spec.type}. Supported: ${spec.payloadVersions.join(', ')}`);
	}
	const destination = ownDestination(request, context, destinationId);
	if ((spec.workflow === 'eventBridge') !== Boolean(destination.eventBridge)) {
		throw invalidInput(`Invalid destinationId: ${spec.type} is delivered through ${spec.workflow === 'eventBridge' ? 'Amazon EventBridge' : 'Amazon SQS'} destinations only.`);
	}
	const notifications = service(context);
	if (notifications.subscriptionsOf(request.app.key, seller.sellerId, spec.type).some((s) => s.payloadVersion === payloadVersion)) {
		// Amazon allows one subscription per application, seller, type and payload version
		throw new ApiError(409, 'StateConflict', 'The resource specified conflicts with the current state.', `Subscription already exist for notification type ${spec.type}`);
	}
	const directive = input.processingDirective;
	const record = notifications.addSubscription({
		appKey: request.app.key,
		sellerId: seller.sellerId,
		notificationType: spec.type,
		payloadVersion,
		destinationId,
		...(directive && typeof directive === 'object' ? { processingDirective: directive as Record<string, unknown> } : {}),
	});
	return { status: 200, body: { payload: subscriptionJson(record) } };
};

const getSubscriptions: RouteHandler = (request, context) => {
	const seller = sellerOf(request);
	const types = listParam(request.query, 'notificationTypes') ?? [];
	if (types.length !== 1) throw invalidInput('Invalid notificationTypes: exactly one notification type is required.');
	const type = knownType(types[0]).type;
	const pageSizeText = request.query.get('pageSize');
	const pageSize = pageSizeText === null ? 30 : Number(pageSizeText);
	if (!Number.isInteger(pageSize) || pageSize < 30 || pageSize > 100) throw invalidInput(`Invalid pageSize: "${pageSizeText}". It must be an integer from 30 to 100.`);
	const payloadVersion = request.query.get('payloadVersion');
	const paging = startPaging(request, context, 'nextToken');
	const all = service(context)
		.subscriptionsOf(request.app.key, seller.sellerId, type)
		.filter((s) => payloadVersion === null || s.payloadVersion === payloadVersion);
	const page = paging.page(all, pageSize);
	const payload: Record<string, unknown> = { subscriptions: page.items.map(subscriptionJson) };
	if (page.nextToken) payload.nextToken = page.nextToken;
	return { status: 200, body: { payload } };
};

function subscriptionById(request: RouteRequest, context: RouteContext): SubscriptionRecord {
	const type = knownType(request.pathParams.notificationType).type;
	const found = service(context).subscriptions.get(request.pathParams.subscriptionId);
	if (!found || found.appKey !== request.app.key || found.notificationType !== type) throw notFound();
	return found;
}

const getSubscriptionById: RouteHandler = (request, context) => {
	assertNotificationsScope(request, context);
	return { status: 200, body: { payload: subscriptionJson(subscriptionById(request, context)) } };
};

const deleteSubscriptionById: RouteHandler = (request, context) => {
	assertNotificationsScope(request, context);
	const found = subscriptionById(request, context);
	service(context).subscriptions.delete(found.subscriptionId);
	return { status: 200, body: {} };
};

const sendTestNotification: RouteHandler = (request, context) => {
	assertNotificationsScope(request, context);
	const spec = knownType(request.pathParams.notificationType);
	const input = body(request);
	const test = (input.testNotification ?? {}) as Record<string, unknown>;
	const payloadVersion = typeof test.payloadVersion === 'string' ? test.payloadVersion : '';
	const scenario = typeof test.testScenario === 'string' ? test.testScenario : '';
	if (!payloadVersion) throw invalidInput('Invalid testNotification: payloadVersion is required.');
	if (!scenario) throw invalidInput('Invalid testNotification: testScenario is required.');
	const notifications = service(context);
	const destinationId = typeof input.destinationId === 'string' ? input.destinationId : undefined;
	const destination = destinationId
		? ownDestination(request, context, destinationId)
		: [...notifications.destinations.values()].find((d) => d.appKey === request.app.key && Boolean(d.eventBridge) === (spec.workflow === 'eventBridge'));
	if (!destination) throw notFound();
	notifications.sendTest(request.app.key, destination, spec.type, payloadVersion, scenario);
	return { status: 200, body: {} };
};

export const notificationsRoutes: RouteTable = {
	getDestinations,
	createDestination,
	getDestination,
	deleteDestination,
	getSubscription,
	createSubscription,
	getSubscriptions,
	getSubscriptionById,
	deleteSubscriptionById,
	sendTestNotification,
};
