/**
 * Texts of the playbooks work (issue 15): Reports → Tax Report and Account Health, the New Refund
 * trigger's amount thresholds, Restricted Data Tokens, and the report types added for it.
 */
export const playbooks: Readonly<Record<string, string>> = {
	// Reports node: resources and operations
	'Account Health': '账户健康',
	'Tax Report': '税务报告',
	'Get Metrics': '获取指标',
	'Get account health metrics': '获取账户健康指标',
	'Order defect rate, late shipment rate, cancel rate and valid tracking rate of every store, against Amazon’s targets and your thresholds':
		'每个店铺的订单缺陷率、迟发率、取消率和有效追踪率，对照亚马逊目标和你的阈值',
	'Get Month': '获取某月',
	'Get a month of tax reports': '获取一个月的税务报告',
	'One month of Amazon’s tax reports (VAT, GST, US sales tax) for every store, as rows with exact amounts':
		'每个店铺一个月的亚马逊税务报告（增值税、GST、美国销售税），逐行输出，金额精确',

	// Account Health → Get Metrics
	'Requests Amazon’s seller performance report (Account Health) for each store and outputs one item per store and metric: the rate, Amazon’s target, your threshold and whether it is past it.':
		'为每个店铺申请亚马逊的卖家绩效报告（账户健康），每个店铺每个指标输出一条数据：比率、亚马逊目标、你的阈值，以及是否超过阈值。',
	'Amazon stores to check. Empty means every store the account sells in (of the credential’s region).': '要检查的亚马逊店铺。留空表示账户在售的所有店铺（凭证所在地区）。',
	Metrics: '指标',
	'Which account health metrics to output': '要输出哪些账户健康指标',
	'Late Shipment Rate': '迟发率',
	'Seller-fulfilled orders confirmed after the expected ship date (Amazon’s target: under 4%)': '卖家自配送订单在预计发货日之后才确认发货的比例（亚马逊目标：低于 4%）',
	'On-Time Delivery Rate': '准时交货率',
	'Shipments delivered by the promised date (Amazon’s target: over 90%)': '在承诺日期前送达的货件比例（亚马逊目标：高于 90%）',
	'Order Defect Rate': '订单缺陷率',
	'Orders with negative feedback, an A-to-z claim or a chargeback, FBA and seller-fulfilled apart (Amazon’s target: under 1%)':
		'收到差评、亚马逊商城交易保障索赔或信用卡拒付的订单比例，亚马逊配送和卖家自配送分开计算（亚马逊目标：低于 1%）',
	'Pre-Fulfilment Cancel Rate': '配送前取消率',
	'Seller-fulfilled orders you cancelled before shipping (Amazon’s target: under 2.5%)': '卖家自配送订单在发货前被你取消的比例（亚马逊目标：低于 2.5%）',
	'Valid Tracking Rate': '有效追踪率',
	'Seller-fulfilled shipments with a valid tracking number (Amazon’s target: 95%)': '卖家自配送货件中有有效追踪编码的比例（亚马逊目标：95%）',
	'Your Thresholds (%)': '你的阈值（%）',
	'Add threshold': '添加阈值',
	'Alert earlier than Amazon: a metric past your threshold gets status "alert". Metrics without one are judged by Amazon’s target.':
		'比亚马逊更早预警：超过你的阈值的指标状态为“alert”。没有设置阈值的指标按亚马逊目标判断。',
	'Late Shipment Rate Above (%)': '迟发率高于（%）',
	'On-Time Delivery Rate Below (%)': '准时交货率低于（%）',
	'Order Defect Rate Above (%)': '订单缺陷率高于（%）',
	'Pre-Fulfilment Cancel Rate Above (%)': '配送前取消率高于（%）',
	'Valid Tracking Rate Below (%)': '有效追踪率低于（%）',
	'Every Metric': '所有指标',
	'One item per store and metric, with status "ok" or "alert"': '每个店铺每个指标一条数据，状态为“ok”或“alert”',
	'Only Metrics Past the Threshold': '只输出超过阈值的指标',
	'Only the items with status "alert" (nothing when all is well)': '只输出状态为“alert”的数据（一切正常时不输出）',
	'Language of the "message" field, ready to paste into DingTalk, WeCom, Feishu or Slack': '“message”字段的语言，可直接发到钉钉、企业微信、飞书或 Slack',
	'Unknown account health metric: {0}.': '未知的账户健康指标：{0}。',
	'Pick at least one metric.': '请至少选择一个指标。',
	'The threshold of {0} must be a percentage from 0 to 100.': '{0} 的阈值必须是 0 到 100 之间的百分比。',
	'The seller account sells in no Amazon store of region {0}: nothing to check.': '卖家账户在地区 {0} 没有在售的亚马逊店铺：没有可检查的内容。',
	'The account health report {0} is not JSON: Amazon may have changed its format.': '账户健康报告 {0} 不是 JSON：亚马逊可能改了格式。',
	'Amazon had no account health data for {0} (the report was cancelled): no items for those stores.': '亚马逊没有 {0} 的账户健康数据（报告已取消）：这些店铺没有输出。',

	// Tax Report → Get Month
	'Gets one month of Amazon’s tax reports for every store: VAT transactions (Europe), GST (India), and the US sales tax report you generated in Seller Central’s Tax Document Library. One item per report line, amounts as exact text.':
		'获取每个店铺一个月的亚马逊税务报告：增值税交易（欧洲）、GST（印度），以及你在卖家平台“税务文件库”生成的美国销售税报告。报告每一行输出一条数据，金额为精确文本。',
	'Amazon stores to get tax reports for. Empty means every store the account sells in (of the credential’s region).': '要获取税务报告的亚马逊店铺。留空表示账户在售的所有店铺（凭证所在地区）。',
	Month: '月份',
	'Latest Finished Month': '最近结束的月份',
	'Last month from the 3rd of this month on (UTC), before that the month before: Amazon makes the VAT report of a month from the 3rd of the next':
		'本月 3 日起（UTC）取上个月，之前取上上个月：亚马逊从下个月 3 日起提供某月的增值税报告',
	'A Month I Choose': '指定月份',
	'Which Month': '哪个月',
	'e.g. 2026-11': '例如 2026-11',
	'Year and month (UTC), as YYYY-MM': '年和月（UTC），格式 YYYY-MM',
	'Europe: VAT Report': '欧洲：增值税报告',
	// option names end with Amazon's code in parentheses: looked up without it
	'VAT Transactions': '增值税交易',
	'Sales, returns, refunds and cross-border movements with their VAT': '销售、退货、退款和跨境调拨及其增值税',
	'VAT Calculation': '增值税计算',
	'VAT calculated by Amazon’s VAT Calculation Service for shipments, returns and refunds': '亚马逊增值税计算服务（VCS）为发货、退货和退款计算的增值税',
	'India: GST Report': '印度：GST 报告',
	'GST Merchant Tax Report B2C': 'GST 商户税务报告 B2C',
	'GST Merchant Tax Report B2B': 'GST 商户税务报告 B2B',
	'"Which Month" must be a year and month like 2026-11, not "{0}".': '“哪个月”必须是 2026-11 这样的年月，而不是“{0}”。',
	'{0} has not ended yet: Amazon makes tax reports of finished months.': '{0} 还没有结束：亚马逊只提供已结束月份的税务报告。',
	'"{0}" is not one of Amazon\'s VAT reports.': '“{0}”不是亚马逊的增值税报告。',
	'"{0}" is not one of Amazon\'s GST reports.': '“{0}”不是亚马逊的 GST 报告。',
	'Amazon offers no tax report through the API for {0}: those stores are left out.': '亚马逊没有通过 API 提供 {0} 的税务报告：这些店铺已跳过。',
	'No Sales Tax Report for {0} yet ({1}): generate it in Seller Central → Reports → Tax Document Library, then run this again.':
		'{0} 还没有销售税报告（{1}）：请在卖家平台 → 报告 → 税务文件库中生成，然后再运行一次。',
	'Amazon makes the VAT transactions report of {0} from the {1}rd of the next month: run on or after that day.': '亚马逊从下个月 {1} 日起提供 {0} 的增值税交易报告：请在当天或之后运行。',
	'Amazon found no {0} data for {1} ({2}).': '亚马逊没有找到 {1} 的 {0} 数据（{2}）。',

	// Restricted Data Tokens
	'Amazon returned no Restricted Data Token.': '亚马逊没有返回受限数据令牌（RDT）。',
	'Amazon refused a Restricted Data Token for {0}.': '亚马逊拒绝为 {0} 发放受限数据令牌（RDT）。',
	'This report contains buyer data, so Amazon hands it out only with a Restricted Data Token. Your app needs the Tax Invoicing or Tax Remittance role (Developer Console → your app → Roles), then authorise the app again.':
		'这个报告含有买家数据，亚马逊只凭受限数据令牌（RDT）提供。你的应用需要 Tax Invoicing 或 Tax Remittance 角色（开发者控制台 → 你的应用 → 角色），然后重新授权应用。',

	// New Refund trigger: amount thresholds
	'Flag Refunds Above (per Currency)': '标记超过金额的退款（按币种）',
	'Adds "aboveThreshold" (true or false) to every refund: true when the refunded total is more than the amount of its currency, compared exactly. Branch on it with an If node, e.g. to ask a manager first.':
		'为每笔退款加上“aboveThreshold”（true 或 false）：退款总额超过该币种的金额时为 true，精确比较。可用 If 节点据此分流，例如先请经理审批。',
	Threshold: '阈值',
	'e.g. USD': '例如 USD',
	'e.g. 100.00': '例如 100.00',
	'Refunds of more than this (the refunded total, without the minus sign) get aboveThreshold = true': '退款总额（不计负号）超过这个金额时 aboveThreshold = true',
	'Currencies Without a Threshold': '没有设置金额的币种',
	'Flag (aboveThreshold = True)': '标记（aboveThreshold = true）',
	'A refund in a currency you gave no amount for is treated as above: safest when refunds need approval': '没有设置金额的币种的退款视为超过：需要审批时最稳妥',
	'Do Not Flag': '不标记',
	'A refund in a currency you gave no amount for gets aboveThreshold = false': '没有设置金额的币种的退款 aboveThreshold = false',
	'Only used with "Flag Refunds Above (per Currency)"': '只在设置了“标记超过金额的退款（按币种）”时使用',
	'"{0}" is not a currency code: use three capital letters such as USD, EUR or JPY.': '“{0}”不是币种代码：请用三个大写字母，例如 USD、EUR 或 JPY。',
	'The threshold for {0} must be an amount such as 100.00, not "{1}".': '{0} 的阈值必须是 100.00 这样的金额，而不是“{1}”。',
	'The threshold for {0} must not be negative.': '{0} 的阈值不能是负数。',
	'{0} has two thresholds: keep one.': '{0} 设置了两个阈值：请只保留一个。',

	// report types added for the tax reports
	'GST merchant tax report B2C (on demand)': 'GST 商户税务报告 B2C（按需）',
	'Sales, refunds and cancellations of consumer invoices in a date range, for GST filing (India).': '某时间段内消费者发票的销售、退款和取消，用于 GST 申报（印度）。',
	'GST merchant tax report B2B (on demand)': 'GST 商户税务报告 B2B（按需）',
	'Sales, refunds and cancellations of Amazon Business invoices in a date range, for GST filing (India).': '某时间段内亚马逊企业购发票的销售、退款和取消，用于 GST 申报（印度）。',
};
