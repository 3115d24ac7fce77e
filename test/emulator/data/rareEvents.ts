/**
 * The rarer event lists of finances v0 (26 of the model's 34): a few of each per seller over the history,
 * so every list can be seen, each shaped as its model definition says. FBALiquidationEvent ("used only
 * in the US marketplace") and EBT refund reimbursements (US food stamps) appear only in the US.
 * Signs are seen from the seller's balance: negative takes money away, positive adds money.
 */
import type { Marketplace } from '../../../nodes/sp-api/marketplaces';
import { v0Money } from '../money';
import type { Random } from '../random';
import { usdCentsTo } from './catalog';
import type { CatalogItem, OrderRecord, OtherFinanceEvent, PathPart } from './model';
import { arrivalLag, between, DAY } from './timing';

export interface RareEventInput {
	random: Random;
	sellerId: string;
	storeName: string;
	nowMs: number;
	historyDays: number;
	nextEventId: () => string;
}

interface Context {
	random: Random;
	marketplace: Marketplace;
	currency: string;
	postedAt: number;
	posted: string;
	order?: OrderRecord;
	product: CatalogItem;
	storeName: string;
	sellerId: string;
	money: (minor: number) => { CurrencyCode: string; CurrencyAmount: number };
	usd: (cents: number) => number;
}

interface Built {
	v0: Record<string, unknown>;
	parts: PathPart[];
	description: string;
	amazonOrderId?: string;
}

interface RareTemplate {
	list: string;
	needsOrder?: boolean;
	onlyIn?: string;
	build(context: Context): Built;
}

function v0Date(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function marketplaceName(marketplace: Marketplace): string {
	return `Amazon.${marketplace.domain.replace(/^amazon\./, '')}`;
}

const TEMPLATES: RareTemplate[] = [
	{
		list: 'ShipmentSettleEventList',
		needsOrder: true,
		build: ({ order, posted, marketplace, money, usd, random }) => {
			const fee = -usd(random.int(50, 180));
			const item = order!.items[0];
			return {
				amazonOrderId: order!.amazonOrderId,
				description: 'Shipment Settle',
				parts: [{ path: ['Expenses', 'AmazonFees', 'FixedClosingFee'], minor: fee }],
				v0: {
					AmazonOrderId: order!.amazonOrderId,
					SellerOrderId: order!.amazonOrderId,
					MarketplaceName: marketplaceName(marketplace),
					PostedDate: posted,
					ShipmentItemList: [{ SellerSKU: item.sellerSku, OrderItemId: item.orderItemId, QuantityShipped: item.quantity, ItemFeeList: [{ FeeType: 'FixedClosingFee', FeeAmount: money(fee) }] }],
				},
			};
		},
	},
	{
		list: 'EBTRefundReimbursementOnlyEventList',
		needsOrder: true,
		onlyIn: 'US',
		build: ({ order, posted, money, usd, random }) => {
			const amount = usd(random.int(300, 2500));
			return {
				amazonOrderId: order!.amazonOrderId,
				description: 'EBT Refund Reimbursement',
				parts: [{ path: ['Reimbursements', 'EBTRefundReimbursement'], minor: amount }],
				v0: { OrderId: order!.amazonOrderId, PostedDate: posted, Amount: money(amount) },
			};
		},
	},
	{
		list: 'PayWithAmazonEventList',
		build: ({ posted, money, usd, random, storeName }) => {
			const charge = usd(random.int(2000, 15000));
			const fee = -Math.round(charge * 0.029) - usd(30);
			return {
				description: 'Amazon Pay',
				parts: [
					{ path: ['Sales', 'AmazonPay', 'Principal'], minor: charge },
					{ path: ['Expenses', 'AmazonPay', 'TransactionFee'], minor: fee },
				],
				v0: {
					SellerOrderId: `P01-${random.digits(7)}-${random.digits(7)}`,
					TransactionPostedDate: posted,
					BusinessObjectType: 'PaymentContract',
					SalesChannel: 'Amazon Pay',
					Charge: { ChargeType: 'Principal', ChargeAmount: money(charge) },
					FeeList: [{ FeeType: 'TransactionFee', FeeAmount: money(fee) }],
					PaymentAmountType: 'Sales',
					AmountDescription: 'Amazon Pay order',
					FulfillmentChannel: 'MFN',
					StoreName: storeName,
				},
			};
		},
	},
	{
		list: 'ServiceProviderCreditEventList',
		build: ({ posted, money, usd, random, marketplace, sellerId, storeName }) => {
			const amount = usd(random.int(500, 5000));
			return {
				description: 'Solution Provider Credit',
				parts: [{ path: ['Reimbursements', 'SolutionProviderCredit'], minor: amount }],
				v0: {
					ProviderTransactionType: 'ProviderCredit',
					SellerOrderId: `SPC-${random.digits(8)}`,
					MarketplaceId: marketplace.id,
					MarketplaceCountryCode: marketplace.countryCode === 'UK' ? 'GB' : marketplace.countryCode,
					SellerId: sellerId,
					SellerStoreName: storeName,
					ProviderId: `AP${random.upperAlnum(10)}`,
					ProviderStoreName: 'Acorn Listing Services',
					TransactionAmount: money(amount),
					TransactionCreationDate: posted,
				},
			};
		},
	},
	{
		list: 'RetrochargeEventList',
		needsOrder: true,
		build: ({ order, posted, money, usd, random, marketplace }) => {
			const baseTax = -usd(random.int(40, 400));
			const shippingTax = -usd(random.int(0, 60));
			return {
				amazonOrderId: order!.amazonOrderId,
				description: 'Retrocharge',
				parts: [
					{ path: ['Tax', 'Retrocharge', 'BaseTax'], minor: baseTax },
					{ path: ['Tax', 'Retrocharge', 'ShippingTax'], minor: shippingTax },
				],
				v0: { RetrochargeEventType: 'Retrocharge', AmazonOrderId: order!.amazonOrderId, PostedDate: posted, BaseTax: money(baseTax), ShippingTax: money(shippingTax), MarketplaceName: marketplaceName(marketplace) },
			};
		},
	},
	{
		list: 'RentalTransactionEventList',
		needsOrder: true,
		build: ({ order, posted, money, usd, random, marketplace }) => {
			const charge = usd(random.int(1000, 4000));
			const commission = -Math.round(charge * 0.15);
			return {
				amazonOrderId: order!.amazonOrderId,
				description: 'Rental',
				parts: [
					{ path: ['Sales', 'Rental', 'Principal'], minor: charge },
					{ path: ['Expenses', 'AmazonFees', 'Commission'], minor: commission },
				],
				v0: {
					AmazonOrderId: order!.amazonOrderId,
					RentalEventType: 'RentalCustomerPayment-Extension',
					ExtensionLength: 30,
					PostedDate: posted,
					RentalChargeList: [{ ChargeType: 'Principal', ChargeAmount: money(charge) }],
					RentalFeeList: [{ FeeType: 'Commission', FeeAmount: money(commission) }],
					MarketplaceName: marketplaceName(marketplace),
					RentalInitialValue: money(charge * 4),
					RentalReimbursement: money(0),
				},
			};
		},
	},
	{
		list: 'SellerDealPaymentEventList',
		build: ({ posted, money, usd, random }) => {
			const fee = -usd(random.pick([15000, 30000, 50000]));
			const tax = 0;
			return {
				description: 'Lightning Deal Fee',
				parts: [{ path: ['Expenses', 'Deals', 'RunLightningDealFee'], minor: fee + tax }],
				v0: {
					postedDate: posted,
					dealId: `${random.upperAlnum(8).toLowerCase()}-${random.digits(4)}`,
					dealDescription: 'Lightning Deal',
					eventType: 'SellerDealComplete',
					feeType: 'RunLightningDealFee',
					feeAmount: money(fee),
					taxAmount: money(tax),
					totalAmount: money(fee + tax),
				},
			};
		},
	},
	{
		list: 'DebtRecoveryEventList',
		build: ({ postedAt, money, usd, random }) => {
			const amount = usd(random.int(1000, 20000));
			return {
				description: 'Debt Recovery',
				parts: [{ path: ['Transfers', 'DebtRecovery', 'DebtPayment'], minor: amount }],
				// DebtRecoveryEvent has no date in Amazon's model.
				v0: {
					DebtRecoveryType: 'DebtPayment',
					RecoveryAmount: money(amount),
					OverPaymentCredit: money(0),
					DebtRecoveryItemList: [{ RecoveryAmount: money(amount), OriginalAmount: money(-amount), GroupBeginDate: v0Date(postedAt - 14 * DAY), GroupEndDate: v0Date(postedAt) }],
					ChargeInstrumentList: [{ Description: 'Visa', Tail: random.digits(4), Amount: money(amount) }],
				},
			};
		},
	},
	{
		list: 'LoanServicingEventList',
		build: ({ money, usd, random }) => {
			const advance = random.chance(0.5);
			const amount = advance ? usd(random.int(100000, 500000)) : -usd(random.int(10000, 50000));
			return {
				description: advance ? 'Loan Advance' : 'Loan Payment',
				parts: [{ path: ['Transfers', 'LoanServicing', advance ? 'LoanAdvance' : 'LoanPayment'], minor: amount }],
				v0: { LoanAmount: money(amount), SourceBusinessEventType: advance ? 'LoanAdvance' : 'LoanPayment' },
			};
		},
	},
	{
		list: 'SAFETReimbursementEventList',
		build: ({ posted, money, random, product }) => {
			const amount = product.unitPriceMinor;
			return {
				description: 'SAFE-T Reimbursement',
				parts: [{ path: ['Reimbursements', 'SAFETReimbursement'], minor: amount }],
				v0: {
					PostedDate: posted,
					SAFETClaimId: random.digits(10),
					ReimbursedAmount: money(amount),
					ReasonCode: 'Refunded item not returned',
					SAFETReimbursementItemList: [{ itemChargeList: [{ ChargeType: 'Principal', ChargeAmount: money(amount) }], productDescription: product.title, quantity: '1' }],
				},
			};
		},
	},
	{
		list: 'SellerReviewEnrollmentPaymentEventList',
		build: ({ posted, money, usd, random, product }) => {
			const fee = -usd(6000);
			const tax = -usd(random.int(0, 600));
			return {
				description: 'Early Reviewer Program Fee',
				parts: [
					{ path: ['Expenses', 'EarlyReviewerProgram', 'EarlyReviewerProgramFee'], minor: fee },
					{ path: ['Expenses', 'EarlyReviewerProgram', 'Tax'], minor: tax },
				],
				v0: {
					PostedDate: posted,
					EnrollmentId: random.digits(12),
					ParentASIN: product.asin,
					FeeComponent: { FeeType: 'EarlyReviewerProgramFee', FeeAmount: money(fee) },
					ChargeComponent: { ChargeType: 'Tax', ChargeAmount: money(tax) },
					TotalAmount: money(fee + tax),
				},
			};
		},
	},
	{
		list: 'FBALiquidationEventList',
		onlyIn: 'US',
		build: ({ posted, money, usd, random }) => {
			const proceeds = usd(random.int(2000, 20000));
			const fee = -Math.round(proceeds * 0.15);
			return {
				description: 'FBA Liquidation',
				parts: [
					{ path: ['Sales', 'Liquidation', 'LiquidationProceeds'], minor: proceeds },
					{ path: ['Expenses', 'Liquidation', 'LiquidationFee'], minor: fee },
				],
				v0: { PostedDate: posted, OriginalRemovalOrderId: `LIQ-${random.digits(8)}`, LiquidationProceedsAmount: money(proceeds), LiquidationFeeAmount: money(fee) },
			};
		},
	},
	{
		list: 'CouponPaymentEventList',
		build: ({ posted, money, usd, random }) => {
			const count = random.int(1, 40);
			const fee = -usd(60) * count;
			return {
				description: 'Coupon Redemption Fee',
				parts: [{ path: ['Expenses', 'Coupons', 'CouponRedemptionFee'], minor: fee }],
				v0: {
					PostedDate: posted,
					CouponId: `${random.upperAlnum(8).toLowerCase()}-${random.digits(4)}`,
					SellerCouponDescription: 'Save 10% on camp mugs',
					ClipOrRedemptionCount: count,
					PaymentEventId: random.digits(10),
					FeeComponent: { FeeType: 'CouponRedemptionFee', FeeAmount: money(fee) },
					ChargeComponent: { ChargeType: 'Tax', ChargeAmount: money(0) },
					TotalAmount: money(fee),
				},
			};
		},
	},
	{
		list: 'ImagingServicesFeeEventList',
		build: ({ posted, money, usd, random, product }) => {
			const fee = -usd(random.pick([2500, 5000]));
			return {
				description: 'Imaging Services Fee',
				parts: [{ path: ['Expenses', 'AmazonFees', 'ImagingServicesFee'], minor: fee }],
				v0: { ImagingRequestBillingItemID: random.digits(9), ASIN: product.asin, PostedDate: posted, FeeList: [{ FeeType: 'ImagingServicesFee', FeeAmount: money(fee) }] },
			};
		},
	},
	{
		list: 'NetworkComminglingTransactionEventList',
		build: ({ posted, money, random, product, marketplace }) => {
			const net = Math.round(product.unitPriceMinor * 0.5);
			return {
				description: 'Network Commingling',
				parts: [{ path: ['Reimbursements', 'NetworkCommingling', 'TaxExclusiveAmount'], minor: net }],
				v0: {
					TransactionType: 'NetCo',
					PostedDate: posted,
					NetCoTransactionID: random.digits(12),
					SwapReason: 'Customer Return',
					ASIN: product.asin,
					MarketplaceId: marketplace.id,
					TaxExclusiveAmount: money(net),
					TaxAmount: money(0),
				},
			};
		},
	},
	...(['AffordabilityExpenseEventList', 'AffordabilityExpenseReversalEventList'] as const).map(
		(list): RareTemplate => ({
			list,
			needsOrder: true,
			build: ({ order, posted, money, usd, random, marketplace }) => {
				const reversal = list === 'AffordabilityExpenseReversalEventList';
				const base = (reversal ? 1 : -1) * usd(random.int(200, 1500));
				const igst = Math.round(base * 0.18);
				return {
					amazonOrderId: order!.amazonOrderId,
					description: reversal ? 'Affordability Expense Reversal' : 'Affordability Expense',
					parts: [
						{ path: ['Expenses', 'AffordabilityPromotion', 'BaseExpense'], minor: base },
						{ path: ['Expenses', 'AffordabilityPromotion', 'TaxTypeIGST'], minor: igst },
					],
					v0: {
						AmazonOrderId: order!.amazonOrderId,
						PostedDate: posted,
						MarketplaceId: marketplace.id,
						TransactionType: reversal ? 'Refund' : 'Charge',
						BaseExpense: money(base),
						TaxTypeCGST: money(0),
						TaxTypeSGST: money(0),
						TaxTypeIGST: money(igst),
						TotalExpense: money(base + igst),
					},
				};
			},
		}),
	),
	{
		list: 'RemovalShipmentEventList',
		build: ({ posted, money, random, product }) => {
			const quantity = random.int(2, 20);
			const revenue = Math.round(product.unitPriceMinor * 0.1) * quantity;
			const fee = -Math.round(revenue * 0.2);
			const orderId = `REM-${random.digits(8)}`;
			return {
				description: 'Removal Shipment (Liquidation)',
				parts: [
					{ path: ['Sales', 'RemovalShipment', 'Revenue'], minor: revenue },
					{ path: ['Expenses', 'RemovalShipment', 'FeeAmount'], minor: fee },
				],
				v0: {
					PostedDate: posted,
					MerchantOrderId: orderId,
					OrderId: orderId,
					TransactionType: 'WHOLESALE_LIQUIDATION',
					RemovalShipmentItemList: [
						{
							RemovalShipmentItemId: random.digits(10),
							TaxCollectionModel: 'Standard',
							FulfillmentNetworkSKU: product.fnSku,
							Quantity: quantity,
							Revenue: money(revenue),
							FeeAmount: money(fee),
							TaxAmount: money(0),
							TaxWithheld: money(0),
						},
					],
				},
			};
		},
	},
	{
		list: 'RemovalShipmentAdjustmentEventList',
		build: ({ posted, money, random, product }) => {
			const adjustment = -Math.round(product.unitPriceMinor * 0.1);
			const orderId = `REM-${random.digits(8)}`;
			return {
				description: 'Removal Shipment Adjustment',
				parts: [{ path: ['Sales', 'RemovalShipment', 'RevenueAdjustment'], minor: adjustment }],
				v0: {
					PostedDate: posted,
					AdjustmentEventId: random.digits(10),
					MerchantOrderId: orderId,
					OrderId: orderId,
					TransactionType: 'WHOLESALE_LIQUIDATION',
					RemovalShipmentItemAdjustmentList: [
						{
							RemovalShipmentItemId: random.digits(10),
							TaxCollectionModel: 'Standard',
							FulfillmentNetworkSKU: product.fnSku,
							AdjustedQuantity: 1,
							RevenueAdjustment: money(adjustment),
							TaxAmountAdjustment: money(0),
							TaxWithheldAdjustment: money(0),
						},
					],
				},
			};
		},
	},
	{
		list: 'TrialShipmentEventList',
		needsOrder: true,
		build: ({ order, posted, money, usd, random }) => {
			const fee = -usd(random.int(100, 500));
			// FinancialEventGroupId is filled in when the answer is written: the group is known only then.
			return {
				amazonOrderId: order!.amazonOrderId,
				description: 'Trial Shipment Fee',
				parts: [{ path: ['Expenses', 'AmazonFees', 'TrialShipmentFee'], minor: fee }],
				v0: { AmazonOrderId: order!.amazonOrderId, PostedDate: posted, SKU: order!.items[0].sellerSku, FeeList: [{ FeeType: 'TrialShipmentFee', FeeAmount: money(fee) }] },
			};
		},
	},
	{
		list: 'TDSReimbursementEventList',
		build: ({ posted, money, usd, random }) => {
			const amount = usd(random.int(100, 3000));
			return {
				description: 'TDS Reimbursement',
				parts: [{ path: ['Reimbursements', 'TDSReimbursement'], minor: amount }],
				v0: { PostedDate: posted, TDSOrderId: `TDS-${random.digits(8)}`, ReimbursedAmount: money(amount) },
			};
		},
	},
	{
		list: 'AdhocDisbursementEventList',
		build: ({ posted, money, usd, random }) => {
			const amount = -usd(random.int(10000, 100000));
			return {
				description: 'Ad hoc Disbursement',
				parts: [{ path: ['Transfers', 'AdhocDisbursement'], minor: amount }],
				v0: { TransactionType: 'Disbursed to Amazon Gift Card balance', PostedDate: posted, TransactionId: random.digits(12), TransactionAmount: money(amount) },
			};
		},
	},
	{
		list: 'TaxWithholdingEventList',
		build: ({ posted, postedAt, money, usd, random }) => {
			const base = usd(random.int(100000, 500000));
			const withheld = -Math.round(base * 0.01);
			return {
				description: 'Tax Withholding',
				parts: [{ path: ['Tax', 'TaxWithholding', 'WithheldAmount'], minor: withheld }],
				v0: {
					PostedDate: posted,
					BaseAmount: money(base),
					WithheldAmount: money(withheld),
					TaxWithholdingPeriod: { StartDate: v0Date(postedAt - 30 * DAY), EndDate: v0Date(postedAt - DAY) },
				},
			};
		},
	},
	{
		list: 'FailedAdhocDisbursementEventList',
		build: ({ posted, money, usd, random }) => {
			const amount = usd(random.int(10000, 100000));
			return {
				description: 'Failed Ad hoc Disbursement',
				parts: [{ path: ['Transfers', 'FailedAdhocDisbursement'], minor: amount }],
				v0: {
					FundsTransfersType: 'FailedAdhocDisbursement',
					TransferId: random.digits(12),
					DisbursementId: random.digits(12),
					PaymentDisbursementType: 'BANK_ACCOUNT',
					Status: 'FAILED',
					TransferAmount: money(amount),
					PostedDate: posted,
				},
			};
		},
	},
	{
		list: 'ValueAddedServiceChargeEventList',
		build: ({ posted, money, usd, random }) => {
			const amount = -usd(random.int(1000, 10000));
			return {
				description: 'Value Added Service Charge',
				parts: [{ path: ['Expenses', 'ValueAddedServices', 'ServiceCharge'], minor: amount }],
				v0: { TransactionType: 'Other Support Service fees', PostedDate: posted, Description: 'Account management service', TransactionAmount: money(amount) },
			};
		},
	},
	{
		list: 'CapacityReservationBillingEventList',
		build: ({ posted, money, usd, random }) => {
			const amount = -usd(random.int(5000, 50000));
			return {
				description: 'Capacity Reservation Fee',
				parts: [{ path: ['Expenses', 'FBAFees', 'CapacityReservationFee'], minor: amount }],
				v0: { TransactionType: 'FBA Capacity Reservation Fee', PostedDate: posted, Description: 'Capacity reservation fee', TransactionAmount: money(amount) },
			};
		},
	},
];

/** The v0 lists this module produces, for tests. */
export const RARE_EVENT_LISTS: readonly string[] = TEMPLATES.map((template) => template.list);

/**
 * One to three events of each rare list per seller, in a random marketplace of the seller (only the US
 * for US-only lists), at random times of the history.
 */
export function generateRareEvents(input: RareEventInput, marketplaces: Marketplace[], catalog: CatalogItem[], orders: OrderRecord[]): OtherFinanceEvent[] {
	const { random, nowMs, historyDays } = input;
	const events: OtherFinanceEvent[] = [];
	for (const template of TEMPLATES) {
		const candidates = marketplaces.filter((m) => !template.onlyIn || m.countryCode === template.onlyIn);
		if (candidates.length === 0) continue;
		const count = random.int(1, 3);
		for (let i = 0; i < count; i++) {
			const marketplace = random.pick(candidates);
			const postedAt = between(random, nowMs - historyDays * DAY + DAY, (historyDays - 1) * DAY);
			const products = catalog.filter((item) => item.marketplaceId === marketplace.id);
			const earlierOrders = orders.filter((order) => order.marketplaceId === marketplace.id && order.purchasedAt < postedAt - DAY);
			if (products.length === 0 || (template.needsOrder && earlierOrders.length === 0)) continue;
			const currency = marketplace.currency;
			const built = template.build({
				random,
				marketplace,
				currency,
				postedAt,
				posted: v0Date(postedAt),
				order: template.needsOrder ? random.pick(earlierOrders) : undefined,
				product: random.pick(products),
				storeName: input.storeName,
				sellerId: input.sellerId,
				money: (minor) => v0Money(minor || 0, currency),
				usd: (cents) => usdCentsTo(currency, cents),
			});
			const visibleAt = postedAt + arrivalLag(random);
			events.push({
				eventId: input.nextEventId(),
				kind: 'Other',
				sellerId: input.sellerId,
				marketplaceId: marketplace.id,
				currency,
				postedAt,
				visibleAt,
				settledAt: visibleAt,
				groupId: '',
				totalMinor: built.parts.reduce((sum, part) => sum + part.minor, 0),
				list: template.list,
				transactionType: template.list.replace(/EventList$/, ''),
				description: built.description,
				amazonOrderId: built.amazonOrderId,
				v0: built.v0,
				parts: built.parts.map((part) => ({ ...part, minor: part.minor || 0 })),
			});
		}
	}
	return events;
}
