/**
 * Things that happen inside the emulator that Amazon would announce with a notification
 * (a report finished, a financial transaction posted, a wallet transfer changed). Route handlers
 * and the data layer emit; the notifications part of the emulator turns them into SQS messages.
 */
export interface EmulatorEvent {
	/** Amazon notification type this event corresponds to, e.g. REPORT_PROCESSING_FINISHED. */
	readonly notificationType: string;
	readonly sellerId: string;
	/** Emulator clock time of the event (ISO). */
	readonly eventTime: string;
	/** The notification payload as Amazon's schema for the type defines it. */
	readonly payload: Record<string, unknown>;
}

export type EmulatorEventListener = (event: EmulatorEvent) => void;

export class EmulatorEvents {
	private readonly listeners = new Set<EmulatorEventListener>();
	private readonly history: EmulatorEvent[] = [];

	on(listener: EmulatorEventListener): () => void {
		this.listeners.add(listener);
		return () => void this.listeners.delete(listener);
	}

	emit(event: EmulatorEvent): void {
		this.history.push(event);
		for (const listener of this.listeners) listener(event);
	}

	/** Every event emitted so far, oldest first. */
	all(): readonly EmulatorEvent[] {
		return this.history;
	}
}
