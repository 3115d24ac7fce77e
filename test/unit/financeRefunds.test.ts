import { eventsOf, flattenEvent, unknownEventLists } from '../../nodes/sp-api/finances/flattenEvents';
import { assertAmazonOrderId, resolvePostedRange } from '../../nodes/sp-api/finances/postedRange';
import { REFUND_PARTS, type RefundRecord } from '../../nodes/sp-api/finances/refunds';
import { refundsFromFinancialEvents } from '../../nodes/sp-api/finances/refundsFromEvents';
import { partOfBreakdown, refundKindOfTransaction, refundsFromTransaction } from '../../nodes/sp-api/finances/refundsFromTransactions';
import { sumMoney } from '../../nodes/sp-api/money';

const usd = (amount: number) => ({ CurrencyCode: 'USD', CurrencyAmount: amount });
const jpy = (amount: number) => ({ CurrencyCode: 'JPY', CurrencyAmount: amount });

/** A US refund of 2 units with every kind of part, 0.1 + 0.2 style amounts included. */
const US_REFUND = {
	AmazonOrderId: '111-1234567-7654321',
	SellerOrderId: '111-1234567-7654321',
	MarketplaceName: 'Amazon.com',
	PostedDate: '2025-03-10T08:15:30Z',
	ShipmentItemAdjustmentList: [
		{
			SellerSKU: 'NA-MUG12-001',
			OrderAdjustmentItemId: '52986411826454',
			QuantityShipped: 2,
			ItemChargeAdjustmentList: [
				{ ChargeType: 'Principal', ChargeAmount: usd(-29.98) },
				{ ChargeType: 'Tax', ChargeAmount: usd(-2.1) },
				{ ChargeType: 'GiftWrap', ChargeAmount: usd(-0.1) },
				{ ChargeType: 'GiftWrapTax', ChargeAmount: usd(-0.2) },
				{ ChargeType: 'ShippingCharge', ChargeAmount: usd(-4.99) },
				{ ChargeType: 'ShippingTax', ChargeAmount: usd(-0.35) },
				{ ChargeType: 'RestockingFee', ChargeAmount: usd(3) },
			],
			ItemFeeAdjustmentList: [
				{ FeeType: 'Commission', FeeAmount: usd(4.5) },
				{ FeeType: 'RefundCommission', FeeAmount: usd(-0.9) },
				{ FeeType: 'ShippingChargeback', FeeAmount: usd(4.99) },
			],
			PromotionAdjustmentList: [{ PromotionType: 'PromotionMetaDataDefinitionValue', PromotionId: 'P1', PromotionAmount: usd(3) }],
			ItemTaxWithheldList: [
				{
					TaxCollectionModel: 'MarketplaceFacilitator',
					TaxesWithheld: [
						{ ChargeType: 'MarketplaceFacilitatorTax-Principal', ChargeAmount: usd(2.1) },
						{ ChargeType: 'MarketplaceFacilitatorTax-Shipping', ChargeAmount: usd(0.35) },
					],
				},
			],
		},
	],
	OrderChargeAdjustmentList: [{ ChargeType: 'Goodwill', ChargeAmount: usd(-5) }],
};

const JP_REFUND = {
	AmazonOrderId: '249-7654321-1234567',
	MarketplaceName: 'Amazon.co.jp',
	PostedDate: '2025-03-10T15:30:00Z',
	ShipmentItemAdjustmentList: [
		{
			SellerSKU: 'FE-TENT2-777',
			OrderAdjustmentItemId: '11111111111111',
			QuantityShipped: 1,
			ItemChargeAdjustmentList: [
				{ ChargeType: 'Principal', ChargeAmount: jpy(-12980) },
				{ ChargeType: 'Tax', ChargeAmount: jpy(-1298) },
			],
			ItemFeeAdjustmentList: [
				{ FeeType: 'Commission', FeeAmount: jpy(1947) },
				{ FeeType: 'RefundCommission', FeeAmount: jpy(-389) },
			],
			CostOfPointsReturned: jpy(130),
		},
	],
};

function partsAddUp(record: RefundRecord): boolean {
	return sumMoney(REFUND_PARTS.map((part) => record[part]), record.currency).amount === record.total.amount;
}

describe('refund lines from v0 financial events', () => {
	const records = refundsFromFinancialEvents({
		RefundEventList: [US_REFUND, JP_REFUND],
		ChargeRefundEventList: [{ PostedDate: '2025-03-01T00:00:00Z', ReasonCode: 'SubscriptionFeeCorrection', ChargeRefundTransactions: [{ ChargeType: 'SubscriptionFee', ChargeAmount: usd(12.5) }] }],
		AdjustmentEventList: [
			{
				AdjustmentType: 'REVERSAL_REIMBURSEMENT',
				PostedDate: '2025-03-02T00:00:00Z',
				AdjustmentAmount: usd(-35.97),
				AdjustmentItemList: [{ Quantity: '-3', PerUnitAmount: usd(-11.99), TotalAmount: usd(-35.97), SellerSKU: 'NA-LAMP-002', ASIN: 'B0TEST0001' }],
			},
			{ AdjustmentType: 'WAREHOUSE_DAMAGE', PostedDate: '2025-03-02T00:00:00Z', AdjustmentAmount: usd(10) },
		],
		ShipmentEventList: [{ AmazonOrderId: '111-0000000-0000000', ShipmentItemList: [] }],
	});

	it('makes one line per refunded item, plus one for order-level money, with every part exact', () => {
		const [item, orderLevel] = records.filter((r) => r.amazonOrderId === US_REFUND.AmazonOrderId);
		expect(item).toMatchObject({
			kind: 'refund',
			orderAdjustmentItemId: '52986411826454',
			sellerSku: 'NA-MUG12-001',
			quantity: 2,
			marketplaceId: 'ATVPDKIKX0DER',
			marketplaceName: 'Amazon.com',
			currency: 'USD',
			principal: { amount: '-29.98', currency: 'USD' },
			tax: { amount: '-2.10', currency: 'USD' },
			shipping: { amount: '-4.99', currency: 'USD' },
			shippingTax: { amount: '-0.35', currency: 'USD' },
			giftWrap: { amount: '-0.10', currency: 'USD' },
			giftWrapTax: { amount: '-0.20', currency: 'USD' },
			otherCharges: { amount: '3.00', currency: 'USD' },
			promotion: { amount: '3.00', currency: 'USD' },
			fees: { amount: '8.59', currency: 'USD' },
			taxWithheld: { amount: '2.45', currency: 'USD' },
			// -29.98 - 2.10 - 4.99 - 0.35 - 0.10 - 0.20 + 3 + 3 + 8.59 + 2.45
			total: { amount: '-20.68', currency: 'USD' },
			feeBreakdown: { Commission: { amount: '4.50', currency: 'USD' }, RefundCommission: { amount: '-0.90', currency: 'USD' }, ShippingChargeback: { amount: '4.99', currency: 'USD' } },
			otherChargeBreakdown: { RestockingFee: { amount: '3.00', currency: 'USD' } },
			postedDate: '2025-03-10T08:15:30Z',
			postedDateLocal: '2025-03-10T01:15:30-07:00',
			refundKey: 'refund:111-1234567-7654321:52986411826454',
			breakdownComplete: true,
		});
		expect(orderLevel).toMatchObject({ kind: 'refund', otherCharges: { amount: '-5.00', currency: 'USD' }, total: { amount: '-5.00', currency: 'USD' }, reason: 'Order-level adjustment' });
		expect(orderLevel.refundKey).not.toBe(item.refundKey);
	});

	it('keeps yen whole, local time in Tokyo, points outside the total', () => {
		const jp = records.find((r) => r.currency === 'JPY')!;
		expect(jp).toMatchObject({
			principal: { amount: '-12980', currency: 'JPY' },
			fees: { amount: '1558', currency: 'JPY' },
			// -12980 - 1298 + 1947 - 389
			total: { amount: '-12720', currency: 'JPY' },
			costOfPointsReturned: { amount: '130', currency: 'JPY' },
			marketplaceId: 'A1VC38T7YXB528',
			postedDateLocal: '2025-03-11T00:30:00+09:00',
		});
	});

	it('reads fee refunds and reimbursement reversals, not other adjustments or shipments', () => {
		expect(records.map((r) => r.kind).sort()).toEqual(['chargeRefund', 'refund', 'refund', 'refund', 'reimbursementReversal']);
		expect(records.find((r) => r.kind === 'chargeRefund')).toMatchObject({ reason: 'SubscriptionFeeCorrection', otherCharges: { amount: '12.50', currency: 'USD' }, total: { amount: '12.50', currency: 'USD' } });
		expect(records.find((r) => r.kind === 'reimbursementReversal')).toMatchObject({ sellerSku: 'NA-LAMP-002', asin: 'B0TEST0001', quantity: 3, total: { amount: '-35.97', currency: 'USD' }, reason: 'REVERSAL_REIMBURSEMENT' });
		for (const record of records) expect([record.refundKey, partsAddUp(record)]).toEqual([record.refundKey, true]);
	});

	it('filters by kind', () => {
		const only = refundsFromFinancialEvents({ RefundEventList: [US_REFUND], ChargebackEventList: [{ ...JP_REFUND }] }, { kinds: new Set(['chargeback']) });
		expect(only.map((r) => r.kind)).toEqual(['chargeback']);
	});
});

describe('refund lines from 2024-06-19 transactions', () => {
	const transaction = {
		sellingPartnerMetadata: { sellingPartnerId: 'A1', accountType: 'Standard Orders', marketplaceId: 'A1PA6795UKMFR9' },
		relatedIdentifiers: [
			{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: '302-1111111-2222222' },
			{ relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: 'GROUP-1' },
		],
		transactionType: 'Refund',
		transactionId: 'T-1',
		transactionStatus: 'RELEASED',
		description: 'Refund Order',
		postedDate: '2025-03-10T23:30:00Z',
		totalAmount: { currencyCode: 'EUR', currencyAmount: -18.04 },
		marketplaceDetails: { marketplaceId: 'A1PA6795UKMFR9', marketplaceName: 'Amazon.de' },
		items: [
			{
				description: 'Emaille-Becher',
				relatedIdentifiers: [{ itemRelatedIdentifierName: 'ORDER_ADJUSTMENT_ITEM_ID', itemRelatedIdentifierValue: '99999999999999' }],
				totalAmount: { currencyCode: 'EUR', currencyAmount: -18.04 },
				breakdowns: [
					{
						breakdownType: 'Sales',
						breakdownAmount: { currencyCode: 'EUR', currencyAmount: -20.26 },
						breakdowns: [
							{
								breakdownType: 'ProductCharges',
								breakdownAmount: { currencyCode: 'EUR', currencyAmount: -20.26 },
								breakdowns: [
									{ breakdownType: 'Principal', breakdownAmount: { currencyCode: 'EUR', currencyAmount: -17.03 } },
									{ breakdownType: 'Tax', breakdownAmount: { currencyCode: 'EUR', currencyAmount: -3.23 } },
								],
							},
						],
					},
					{
						breakdownType: 'Expenses',
						breakdownAmount: { currencyCode: 'EUR', currencyAmount: 2.22 },
						breakdowns: [{ breakdownType: 'AmazonFees', breakdownAmount: { currencyCode: 'EUR', currencyAmount: 2.22 }, breakdowns: [
							{ breakdownType: 'Commission', breakdownAmount: { currencyCode: 'EUR', currencyAmount: 2.77 } },
							{ breakdownType: 'RefundCommission', breakdownAmount: { currencyCode: 'EUR', currencyAmount: -0.55 } },
						] }],
					},
				],
				contexts: [{ contextType: 'ProductContext', asin: 'B0ABCDEFGH', sku: 'EU-MUG12-123', quantityShipped: 1, fulfillmentNetwork: 'AFN' }],
			},
		],
	};

	it('reads items, identifiers, ASIN, SKU and the breakdown into exact parts', () => {
		const [line] = refundsFromTransaction(transaction);
		expect(line).toMatchObject({
			kind: 'refund',
			amazonOrderId: '302-1111111-2222222',
			orderAdjustmentItemId: '99999999999999',
			sellerSku: 'EU-MUG12-123',
			asin: 'B0ABCDEFGH',
			quantity: 1,
			marketplaceId: 'A1PA6795UKMFR9',
			marketplaceName: 'Amazon.de',
			principal: { amount: '-17.03', currency: 'EUR' },
			tax: { amount: '-3.23', currency: 'EUR' },
			fees: { amount: '2.22', currency: 'EUR' },
			total: { amount: '-18.04', currency: 'EUR' },
			financialEventGroupId: 'GROUP-1',
			postedDateLocal: '2025-03-11T00:30:00+01:00',
			transactionId: 'T-1',
			source: 'transactions',
			breakdownComplete: true,
			refundKey: 'refund:302-1111111-2222222:99999999999999',
		});
		expect(partsAddUp(line)).toBe(true);
	});

	it('reads the PascalCase copy in a TRANSACTION_UPDATE notification; a total without breakdown is kept and flagged', () => {
		const [line] = refundsFromTransaction({
			SellingPartnerMetadata: { SellingPartnerId: 'A1', MarketplaceId: 'ATVPDKIKX0DER', AccountType: 'PAYABLE' },
			RelatedIdentifiers: [{ RelatedIdentifierName: 'OrderId', RelatedIdentifierValue: '111-2222222-3333333' }],
			TransactionType: 'Refund',
			PostedDate: '2025-03-10T03:35:13.214Z',
			TotalAmount: { CurrencyAmount: -10, CurrencyCode: 'USD' },
		});
		expect(line).toMatchObject({
			amazonOrderId: '111-2222222-3333333',
			marketplaceId: 'ATVPDKIKX0DER',
			total: { amount: '-10.00', currency: 'USD' },
			otherCharges: { amount: '-10.00', currency: 'USD' },
			otherChargeBreakdown: { NotBrokenDown: { amount: '-10.00', currency: 'USD' } },
			breakdownComplete: false,
		});
		expect(partsAddUp(line)).toBe(true);
	});

	it('an item whose breakdown misses money still adds up, with the gap flagged', () => {
		const short = JSON.parse(JSON.stringify(transaction));
		short.items[0].breakdowns.pop();
		const [line] = refundsFromTransaction(short);
		expect(line.breakdownComplete).toBe(false);
		expect(line.otherCharges).toEqual({ amount: '2.22', currency: 'EUR' });
		expect(partsAddUp(line)).toBe(true);
	});

	it('tells refund kinds apart and ignores other transactions', () => {
		expect(refundKindOfTransaction('Refund', 'Refund Order')).toBe('refund');
		expect(refundKindOfTransaction('Refund', 'Chargeback Refund')).toBe('chargeback');
		expect(refundKindOfTransaction('GuaranteeClaim', 'A-to-z Guarantee Claim')).toBe('guaranteeClaim');
		expect(refundKindOfTransaction('ChargeRefund', 'SubscriptionFeeCorrection')).toBe('chargeRefund');
		expect(refundKindOfTransaction('Adjustment', 'FBA Inventory Reimbursement - REVERSAL_REIMBURSEMENT')).toBe('reimbursementReversal');
		expect(refundKindOfTransaction('Adjustment', 'FBA Inventory Reimbursement - WAREHOUSE_DAMAGE')).toBeUndefined();
		expect(refundKindOfTransaction('Shipment', 'Order Payment')).toBeUndefined();
		expect(refundsFromTransaction({ ...transaction, transactionType: 'Shipment', description: 'Order Payment' })).toEqual([]);
	});

	it('sorts breakdown leaves into parts by type and place', () => {
		expect(partOfBreakdown(['Sales', 'ProductCharges', 'Principal'])).toBe('principal');
		expect(partOfBreakdown(['Sales', 'Product Charges'])).toBe('principal');
		expect(partOfBreakdown(['Sales', 'Shipping', 'ShippingTax'])).toBe('shippingTax');
		expect(partOfBreakdown(['Expenses', 'AmazonFees', 'Commission'])).toBe('fees');
		expect(partOfBreakdown(['Expenses', 'FBA fees'])).toBe('fees');
		expect(partOfBreakdown(['Tax', 'MarketplaceFacilitatorTax', 'MarketplaceFacilitatorTax-Principal'])).toBe('taxWithheld');
		expect(partOfBreakdown(['Sales', 'Promotions', 'PromotionMetaDataDefinitionValue'])).toBe('promotion');
		expect(partOfBreakdown(['Sales', 'OtherCharges', 'Goodwill'])).toBe('otherCharges');
	});
});

describe('one item per event', () => {
	it('flattens money by type and path, with the net by the total rule', () => {
		const [refund] = eventsOf({ RefundEventList: [US_REFUND] });
		const flat = flattenEvent(refund.spec, refund.event);
		expect(flat).toMatchObject({
			eventType: 'Refund',
			eventList: 'RefundEventList',
			eventModel: 'ShipmentEvent',
			amazonOrderId: '111-1234567-7654321',
			marketplaceId: 'ATVPDKIKX0DER',
			currency: 'USD',
			charges: { Principal: { amount: '-29.98', currency: 'USD' }, Goodwill: { amount: '-5.00', currency: 'USD' } },
			fees: { Commission: { amount: '4.50', currency: 'USD' } },
			promotions: { PromotionMetaDataDefinitionValue: { amount: '3.00', currency: 'USD' } },
			taxWithheld: { 'MarketplaceFacilitatorTax-Principal': { amount: '2.10', currency: 'USD' } },
			total: { amount: '-25.68', currency: 'USD' },
			raw: US_REFUND,
		});
		const [adjustment] = eventsOf({ AdjustmentEventList: [{ AdjustmentType: 'X', AdjustmentAmount: usd(7.5), AdjustmentItemList: [{ PerUnitAmount: usd(2.5), TotalAmount: usd(7.5) }] }] });
		expect(flattenEvent(adjustment.spec, adjustment.event)).toMatchObject({
			amounts: { AdjustmentAmount: { amount: '7.50', currency: 'USD' }, 'AdjustmentItemList.PerUnitAmount': { amount: '2.50', currency: 'USD' } },
			total: { amount: '7.50', currency: 'USD' },
		});
		expect(flattenEvent(adjustment.spec, adjustment.event).postedDate).toBeUndefined();
	});
});

describe('event lists Amazon may add later', () => {
	it('are skipped by the flattener but reported, so the node can still hand them out', () => {
		const answer = { RefundEventList: [US_REFUND], BrandNewEventList: [{ PostedDate: '2025-03-01T00:00:00Z' }], EmptyNewEventList: [] };
		expect(eventsOf(answer).map(({ spec }) => spec.list)).toEqual(['RefundEventList']);
		expect(unknownEventLists(answer)).toEqual(['BrandNewEventList']);
	});
});

describe('date ranges and order ids checked before any call', () => {
	const now = Date.parse('2025-03-15T12:00:00Z');
	it('defaults, clamps the end to now − 2 minutes and cuts long ranges into 180-day windows', () => {
		const range = resolvePostedRange({ now, defaultLookbackMs: 86_400_000, after: new Date('2024-01-01T00:00:00Z'), before: new Date('2030-01-01T00:00:00Z') });
		expect(range.endClamped).toBe(true);
		expect(range.end.getTime()).toBeLessThanOrEqual(now - 120_000);
		expect(range.windows.length).toBe(3);
		expect(range.windows[0].end).toEqual(range.windows[1].start);
		expect(resolvePostedRange({ now, defaultLookbackMs: 86_400_000 }).start).toEqual(new Date(now - 86_400_000));
	});
	it('refuses an end before the start and a start in the future', () => {
		expect(() => resolvePostedRange({ now, defaultLookbackMs: 1, after: new Date('2025-03-10T00:00:00Z'), before: new Date('2025-03-01T00:00:00Z') })).toThrow(/not after/);
		expect(() => resolvePostedRange({ now, defaultLookbackMs: 1, after: new Date('2025-03-16T00:00:00Z') })).toThrow(/future/);
	});
	it('knows what an Amazon order id looks like', () => {
		expect(assertAmazonOrderId(' 111-1234567-1234567 ')).toBe('111-1234567-1234567');
		expect(() => assertAmazonOrderId('1234567')).toThrow(/123-1234567-1234567/);
	});
});
