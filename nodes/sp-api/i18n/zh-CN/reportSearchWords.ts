/**
 * Extra Chinese words a seller may type to find a report type in the Reports node's "Report Type" list
 * (besides the Chinese names, categories and descriptions of the table): synonyms from Seller Central
 * and sellers' everyday speech. Keyed by report category, or by report type for words that fit one type
 * only. Not a translation section: nothing here is shown.
 */
export const REPORT_SEARCH_WORDS: Readonly<Record<string, string>> = {
	Settlement: '结算 回款 打款 放款 账单 对账',
	'Payments & fees': '付款 费用 佣金 扣费 交易 账单',
	'Returns & reimbursements': '退货 退款 赔偿 报销 索赔 买家退货',
	Orders: '订单 销售 发货 买家',
	'FBA shipments & removals': '亚马逊物流 发货 货件 物流 移除 弃置 配送',
	Inventory: '库存 仓储 补货 滞销 冗余 亚马逊物流',
	Listings: '商品 刊登 在售 下架 价格 库存',
	'Performance & analytics': '业绩 绩效 分析 数据 流量 销量 账户健康',
	'Tax & invoices': '税 税务 增值税 发票 开票',
	GET_V2_SETTLEMENT_REPORT_DATA_XML: '广告 广告费',
	GET_DATE_RANGE_FINANCIAL_TRANSACTION_DATA: '广告费 交易明细 日期范围',
	GET_FBA_STORAGE_FEE_CHARGES_DATA: '仓储费 月度仓储费',
	GET_FBA_FULFILLMENT_LONGTERM_STORAGE_FEE_CHARGES_DATA: '长期仓储费 仓储费',
	GET_FBA_ESTIMATED_FBA_FEES_TXT_DATA: '配送费 FBA 费用',
	GET_PROMOTION_PERFORMANCE_REPORT: '促销 广告 营销',
	GET_COUPON_PERFORMANCE_REPORT: '优惠券 促销 营销',
	GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT: '品牌分析 搜索词 关键词 广告',
	GET_SALES_AND_TRAFFIC_REPORT: '销售 流量 转化率 页面浏览',
};
