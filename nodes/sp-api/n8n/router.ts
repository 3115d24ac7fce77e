import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { SpApiClient, SpApiClientOptions } from '../client';
import { tr } from '../i18n/translate';
import { createSpApiClient } from './createClient';
import { hintWhenNothingCameOut } from './emptyOutput';
import { errorItemJson, InputError, toNodeError } from './nodeErrors';
import { runPerItem, type ItemResult } from './runPerItem';
import { declareSecretParameters } from './secretParameters';

/** One `actions/<resource>/<operation>.operation.ts` file: its fields and what it does per item. */
export interface PerItemOperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<ItemResult[]>;
}

/**
 * An operation that works on all input items at once (a join, a grouping) and runs once per execution.
 * It sets `pairedItem` on what it returns; with "Continue On Fail" a failure becomes one error item.
 */
export interface BatchOperationModule {
	description: INodeProperties[];
	executeBatch(this: IExecuteFunctions, client: SpApiClient): Promise<INodeExecutionData[]>;
}

export type OperationModule = PerItemOperationModule | BatchOperationModule;

export type ResourceMap = Record<string, Record<string, OperationModule>>;

export interface RouteOptions {
	/** Client settings a node takes from its own fields (e.g. a timeout), read once per execution. */
	clientOptions?: (context: IExecuteFunctions) => Partial<Omit<SpApiClientOptions, 'credentials'>>;
}

function isBatch(module: OperationModule): module is BatchOperationModule {
	return typeof (module as BatchOperationModule).executeBatch === 'function';
}

async function runBatch(context: IExecuteFunctions, module: BatchOperationModule, client: SpApiClient): Promise<INodeExecutionData[]> {
	try {
		return await module.executeBatch.call(context, client);
	} catch (error) {
		if (context.continueOnFail()) {
			const items = context.getInputData();
			return [{ json: errorItemJson(error), pairedItem: items.map((_, item) => ({ item })) }];
		}
		throw toNodeError(context.getNode(), error);
	}
}

/**
 * Shared router for ACORN's action nodes: picks the operation module from `resource` + `operation`,
 * builds one SP-API client for the execution and runs the module per item (or once, for batch operations).
 * When nothing comes out, the output pane says why (emptyOutput.ts).
 */
export async function routeToOperation(context: IExecuteFunctions, resources: ResourceMap, options: RouteOptions = {}): Promise<INodeExecutionData[][]> {
	// before anything can fail: errors must carry the node without its password fields
	for (const operations of Object.values(resources)) for (const module of Object.values(operations)) declareSecretParameters(module.description);
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const module = resources[resource]?.[operation];
	if (!module) {
		throw toNodeError(context.getNode(), new InputError(tr`The operation "${operation}" of "${resource}" is not supported.`));
	}
	let client: SpApiClient;
	try {
		client = await createSpApiClient(context, undefined, options.clientOptions?.(context) ?? {});
	} catch (error) {
		throw toNodeError(context.getNode(), error);
	}
	const output = isBatch(module) ? await runBatch(context, module, client) : await runPerItem(context, (itemIndex) => module.execute.call(context, itemIndex, client));
	hintWhenNothingCameOut(context, output);
	return [output];
}
