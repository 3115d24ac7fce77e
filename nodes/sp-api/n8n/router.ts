import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { SpApiClient, SpApiClientOptions } from '../client';
import { createSpApiClient } from './createClient';
import { InputError, toNodeError } from './nodeErrors';
import { runPerItem, type ItemResult } from './runPerItem';

/** One `actions/<resource>/<operation>.operation.ts` file: its fields and what it does per item. */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<ItemResult[]>;
}

export type ResourceMap = Record<string, Record<string, OperationModule>>;

export interface RouteOptions {
	/** Client settings a node takes from its own fields (e.g. a timeout), read once per execution. */
	clientOptions?: (context: IExecuteFunctions) => Partial<Omit<SpApiClientOptions, 'credentials'>>;
}

/**
 * Shared router for ACORN's action nodes: picks the operation module from `resource` + `operation`,
 * builds one SP-API client for the execution and runs the module per item.
 */
export async function routeToOperation(context: IExecuteFunctions, resources: ResourceMap, options: RouteOptions = {}): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const module = resources[resource]?.[operation];
	if (!module) {
		throw toNodeError(context.getNode(), new InputError(`The operation "${operation}" of "${resource}" is not supported.`));
	}
	let client: SpApiClient;
	try {
		client = await createSpApiClient(context, undefined, options.clientOptions?.(context) ?? {});
	} catch (error) {
		throw toNodeError(context.getNode(), error);
	}
	return [await runPerItem(context, (itemIndex) => module.execute.call(context, itemIndex, client))];
}
