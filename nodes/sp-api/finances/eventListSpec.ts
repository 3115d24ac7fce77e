/** Shape of one row of the generated finance event list table (scripts/generate-finance-event-lists.js). */

/** Where one money value sits inside an event of a list. */
export interface MoneyPathSpec {
	/** Property names from the event down to the `{CurrencyCode, CurrencyAmount}` object; arrays are walked. */
	readonly path: readonly string[];
	/**
	 * `charges`, `fees`, `promotions`, `taxWithheld`, `directPayments` for typed components (keyed by
	 * their type, e.g. charges.Principal), `amounts` for plain money fields (keyed by their path).
	 */
	readonly group: string;
	/** The component's type property (ChargeType, FeeType, ...), absent for plain money fields. */
	readonly typeField?: string;
}

export interface FinanceEventListSpec {
	/** Name of the list in `FinancialEvents`, e.g. `RefundEventList`. */
	readonly list: string;
	/** The list name without `EventList`, e.g. `Refund`: what ACORN calls the event type. */
	readonly eventType: string;
	/** The model definition of one event, e.g. `ShipmentEvent`. */
	readonly model: string;
	readonly description: string;
	/** The event's posting date property; null when the model defines none (ServiceFeeEvent, ...). */
	readonly dateField: string | null;
	readonly identifiers: Readonly<Partial<Record<'amazonOrderId' | 'sellerOrderId' | 'marketplaceName' | 'marketplaceId' | 'sellerSku' | 'asin', string>>>;
	readonly money: readonly MoneyPathSpec[];
}
