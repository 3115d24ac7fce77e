/** Injected faults, consumed first-in first-out by matching requests. */
import { OPERATIONS } from '../../nodes/sp-api/generated/operations.generated';
import type { FaultSpec } from './types';

interface ActiveFault {
	spec: FaultSpec;
	remaining: number;
	/** Matching requests still to let through before the fault starts. */
	toSkip: number;
}

export class FaultRegistry {
	private faults: ActiveFault[] = [];

	add(spec: FaultSpec): void {
		validateFault(spec);
		this.faults.push({ spec: { ...spec }, remaining: spec.count ?? 1, toSkip: spec.afterRequests ?? 0 });
	}

	clear(): void {
		this.faults = [];
	}

	/** The first fault for this operation (and seller, when the fault names one); counts it as used. */
	take(operation: string, sellerId: string | undefined): FaultSpec | undefined {
		const index = this.faults.findIndex(
			(fault) => fault.spec.operation === operation && (fault.spec.sellerId === undefined || fault.spec.sellerId === sellerId),
		);
		if (index < 0) return undefined;
		const fault = this.faults[index];
		if (fault.toSkip > 0) {
			fault.toSkip -= 1;
			return undefined;
		}
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.faults.splice(index, 1);
		return fault.spec;
	}
}

/** Refuses typos early: a fault that never matches would make a test pass for the wrong reason. */
export function validateFault(spec: FaultSpec): void {
	if (!spec || typeof spec !== 'object') throw new TypeError('fault must be an object');
	if (spec.operation !== 'lwaToken' && !Object.prototype.hasOwnProperty.call(OPERATIONS, spec.operation)) {
		throw new RangeError(`fault names unknown operation "${String(spec.operation)}"`);
	}
	if (spec.status !== undefined && (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599)) {
		throw new RangeError(`fault status must be an HTTP status, got ${String(spec.status)}`);
	}
	if (spec.count !== undefined && (!Number.isInteger(spec.count) || spec.count < 1)) {
		throw new RangeError(`fault count must be a positive integer, got ${String(spec.count)}`);
	}
	if (spec.afterRequests !== undefined && (!Number.isInteger(spec.afterRequests) || spec.afterRequests < 0)) {
		throw new RangeError(`fault afterRequests must be a non-negative integer, got ${String(spec.afterRequests)}`);
	}
	if (spec.delayMs !== undefined && (!Number.isFinite(spec.delayMs) || spec.delayMs < 0)) {
		throw new RangeError(`fault delayMs must be a non-negative number, got ${String(spec.delayMs)}`);
	}
	if (spec.emptyPage && (spec.status !== undefined || spec.connectionReset || spec.afterEffect)) {
		throw new RangeError('an emptyPage fault answers normally (an empty page); it takes no status, connectionReset or afterEffect');
	}
	if (spec.emptyPage && !OPERATIONS[spec.operation as keyof typeof OPERATIONS]?.pagination) {
		throw new RangeError(`an emptyPage fault needs a paged operation; ${spec.operation} has no pages`);
	}
	if (spec.afterEffect && spec.status === undefined && !spec.connectionReset) {
		throw new RangeError('an afterEffect fault needs a status or connectionReset');
	}
}
