/**
 * Texts of the editor experience (issue 12, points 2, 3 and 6): what an empty field means, why a node
 * output nothing (execution hints), the credential test, Poll Times of the New Refund Trigger, the Seller
 * Wallet account list and signatures.
 */
export const editor: Readonly<Record<string, string>> = {
	// ---- what an empty field means (hints and placeholders under the fields)
	'Empty: every store of the credential’s region': '留空：凭证所在地区的所有站点',
	'Empty: every store you sell in, in the credential’s region (ACORN asks Amazon which)': '留空：凭证所在地区你开店的所有站点（ACORN 会向亚马逊查询）',
	'Empty: 30 days ago': '留空：30 天前',
	'Empty: one day ago': '留空：一天前',
	'Empty: now (Amazon needs two minutes ago at the latest)': '留空：现在（亚马逊要求最晚为两分钟前）',
	'Empty: Amazon decides': '留空：由亚马逊决定',
	'Empty: every kind': '留空：所有类型',
	'Empty: every type': '留空：所有类型',
	'Empty: every settlement': '留空：所有结算',
	'Empty: no end date': '留空：不限结束日期',
	'Empty: no start date': '留空：不限开始日期',
	'Empty: no lower limit': '留空：不设下限',
	'Empty: no upper limit': '留空：不设上限',
	'Empty: no translation': '留空：不翻译',
	'Empty: payouts of every store': '留空：所有站点的付款',
	'Empty: reports of any store': '留空：任意站点的报告',
	'Empty: settlements of any store': '留空：任意站点的结算',
	'Empty: the latest settlement of any store': '留空：任意站点的最新结算',
	'Empty: the balance right now': '留空：当前余额',
	'Empty: the character set Amazon names, else UTF-8 or windows-1252': '留空：使用亚马逊指明的字符集，否则为 UTF-8 或 windows-1252',
	'Empty: every account type': '留空：所有账户类型',
	'Empty: every payout': '留空：所有付款',
	'Empty: the marketplace’s country': '留空：站点所在国家',
	'Empty: the one Amazon names, else UTF-8, else the store’s usual one': '留空：使用亚马逊指明的字符集，否则为 UTF-8，再否则为该站点常用的字符集',
	'Empty: the usual one for the report type': '留空：该报告类型通常使用的元素',
	'Empty = last 30 days (orders: 7)': '留空 = 最近 30 天（订单：7 天）',
	'Empty = now': '留空 = 现在',
	'Empty: a period with data for the report type — the last 30 days for returns, reimbursements, payments, tax and analytics; the last 7 days for orders and FBA shipments; no dates for reports about now (inventory, listings). The output shows the period used.':
		'留空：按报告类型选择有数据的时间段——退货、赔偿、付款、税务和分析类报告为最近 30 天；订单和 FBA 发货类报告为最近 7 天；反映当前状态的报告（库存、商品列表）不带日期。输出中会显示实际使用的时间段。',
	'Start of the period the report covers': '报告涵盖时间段的开始',
	'End of the period the report covers': '报告涵盖时间段的结束',
	'Amazon stores the report covers (Amazon needs at least one; empty means every store you sell in); in an expression, country codes (e.g. US, DE, JP) work too. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.':
		'报告涵盖的亚马逊站点（亚马逊至少需要一个；留空表示你开店的所有站点）；在表达式中也可以使用国家代码（如 US、DE、JP）。从列表中选择，或使用<a href="https://docs.n8n.io/code/expressions/">表达式</a>指定 ID。',
	'The newest refunds, newest first': '最新的退款，最新的在前',

	// ---- Seller Wallet: account list and signatures
	'Choose the marketplace first': '请先选择站点',
	'Your Seller Wallet accounts in this marketplace, one per currency. The list fills in once the marketplace and the credential are set.':
		'你在该站点的 Seller Wallet 账户，每种币种一个。选好站点和凭证后列表才会出现。',
	'A code that proves the receiving bank account was checked. Your payment service provider (the licensed company whose Amazon app makes transfers for you) signs the account’s details and gives you this code: ask them for it and paste it unchanged.':
		'证明收款银行账户已经过核验的一串代码。由你的支付服务商（为你办理转账、拥有亚马逊应用的持牌公司）对收款账户信息签名后提供给你：向他们索取，原样粘贴即可。',
	'A code that proves the amount was approved. Your payment service provider signs exactly this amount and currency and gives you the code: ask for a new one whenever the amount changes, and paste it unchanged.':
		'证明该金额已获批准的一串代码。由你的支付服务商对这笔金额和币种签名后提供给你：金额一变就要重新索取，原样粘贴即可。',

	// ---- New Refund Trigger: Poll Times (the field n8n gives every polling node, declared by ACORN)
	'Poll Times': '轮询时间',
	'Time at which polling should occur': '何时检查',
	'Add Poll Time': '添加轮询时间',
	Item: '时间',
	Mode: '方式',
	'How often to trigger.': '多久触发一次。',
	'Every Minute': '每分钟',
	'Every X': '每隔 X',
	Custom: '自定义',
	Hour: '小时',
	'The hour of the day to trigger (24h format)': '在一天中的哪个小时触发（24 小时制）',
	Minute: '分钟',
	'The minute past the hour to trigger (0-59)': '在每小时的第几分钟触发（0-59）',
	'Day of Month': '每月几号',
	'The day of the month to trigger': '在每月的哪一天触发',
	Weekday: '星期',
	'The weekday to trigger': '在星期几触发',
	Monday: '星期一',
	Tuesday: '星期二',
	Wednesday: '星期三',
	Thursday: '星期四',
	Friday: '星期五',
	Saturday: '星期六',
	Sunday: '星期日',
	'Cron Expression': 'Cron 表达式',
	'Use custom cron expression. Values and ranges as follows:<ul><li>Seconds: 0-59</li><li>Minutes: 0 - 59</li><li>Hours: 0 - 23</li><li>Day of Month: 1 - 31</li><li>Months: 0 - 11 (Jan - Dec)</li><li>Day of Week: 0 - 6 (Sun - Sat)</li></ul>':
		'使用自定义 cron 表达式。各字段取值范围：<ul><li>秒：0-59</li><li>分：0 - 59</li><li>时：0 - 23</li><li>日：1 - 31</li><li>月：0 - 11（一月 - 十二月）</li><li>星期：0 - 6（周日 - 周六）</li></ul>',
	'All how many X minutes/hours it should trigger': '每隔多少分钟/小时触发一次',
	'If it should trigger all X minutes or hours': '按分钟还是按小时计',
	Minutes: '分钟',
	Hours: '小时',
	'Every hour suits Amazon: refunds appear minutes to 48 hours late and each check reads the last 48 hours again, so checking every minute finds nothing sooner and uses up Amazon’s rate limit.':
		'每小时检查一次最适合亚马逊：退款会延迟几分钟到 48 小时才出现，而且每次检查都要重读最近 48 小时，所以每分钟检查并不会更早发现退款，反而会耗尽亚马逊的调用限额。',

	// ---- why nothing came out (execution hints)
	'Amazon answered without an error, but there was nothing to output for these settings. What an empty field means is written under it.':
		'亚马逊的回答没有错误，但按当前设置没有可输出的内容。每个字段留空时的含义写在字段下方。',
	'{0} more input items gave nothing either.': '另有 {0} 个输入项也没有结果。',
	'every store of region {0}': '{0} 地区的所有站点',
	'Amazon listed {0} money events there ({1} pages); none was a {2}.': '亚马逊在此列出了 {0} 条资金事件（{1} 页），其中没有{2}。',
	'No refunds to output. Checked {0}, posted {1} to {2}. {3} Amazon publishes a refund minutes to 48 hours after it happens; to look further back, set an earlier "Posted After".':
		'没有可输出的退款。已检查 {0}，入账时间 {1} 至 {2}。{3}亚马逊会在退款发生几分钟到 48 小时后才公布；要查更早的，请把“Posted After”设早一些。',
	'No refunds to output. Checked order {0}. {1} The order may not be refunded yet, or it was placed in a store of another region.':
		'没有可输出的退款。已检查订单 {0}。{1}该订单可能尚未退款，或属于其他地区的站点。',
	'No refunds to output. Checked settlement period {0}. {1}': '没有可输出的退款。已检查结算周期 {0}。{1}',
	'No refund lines came in: the input held {0} items, none of them a refund line from "Get Refunds" or the New Refund Trigger.':
		'没有收到退款明细：输入有 {0} 项，但都不是来自“Get Refunds”或新退款触发器的退款明细。',
	'None of the {0} refunds has a matching return among {1} return lines, and "Output" asks for refunds with a return only.':
		'{0} 笔退款在 {1} 条退货记录中都没有对应的退货，而“输出”只要有退货的退款。',
	'All {0} refunds have a matching return, and "Output" asks for refunds without a return only.': '{0} 笔退款都有对应的退货，而“输出”只要没有退货的退款。',
	'Nothing unusual: {0} refunds compared ({1} in the checked period of {2} day(s) up to {3}, {4} in the {5} day(s) before), in {6} groups by {7}.':
		'没有异常：共比较 {0} 笔退款（截至 {3} 的 {2} 天检查期内 {1} 笔，之前 {5} 天内 {4} 笔），按{7}分成 {6} 组。',
	'No group reached {0}.': '没有任何一组达到{0}。',
	' or ': '或',
	'a spike of {0}× the usual pace with at least {1} refunds': '平常速度的 {0} 倍且至少 {1} 笔退款的激增',
	'{0} refunds in the period': '期间内 {0} 笔退款',
	'{0} {1} refunded in the period': '期间内退款 {0} {1}',
	'No alert rule is switched on: set "Spike Factor", "Alert at Refund Count" or "Alert at Amount".': '没有开启任何提醒规则：请设置“Spike Factor”、“Alert at Refund Count”或“Alert at Amount”。',
	'{0} input refunds lie outside both periods.': '有 {0} 笔输入的退款不在这两个时间段内。',
	store: '站点',
	order: '订单',
	'return reason': '退货原因',
	'seller-fulfilled returns': '卖家自配送退货',
	'No returns to output. Checked {0} of {1}, dated {2} to {3}: {4} reports requested, {5} of them without data (Amazon cancels a report that has nothing in it), {6} lines read.':
		'没有可输出的退货。已检查 {1} 的{0}，日期 {2} 至 {3}：共请求 {4} 份报告，其中 {5} 份没有数据（亚马逊会取消没有内容的报告），读取 {6} 行。',
	'No return request waits for you. Checked {0} seller-fulfilled return lines of {1} requested in the last {2} days: none has a "Pending…" status{3}.':
		'没有等待你处理的退货请求。已检查 {1} 最近 {2} 天内的 {0} 条卖家自配送退货记录：没有“Pending…”（待处理）状态的{3}。',
	' within its response window': '（在处理时限内）',
	'Amazon found no data for report {0} ({1}) of {2}, and cancelled it: there are no rows. For data, choose an earlier "Data Start" or other marketplaces.':
		'亚马逊没有找到报告 {0}（{1}，{2}）的数据，已将其取消：没有任何行。要获得数据，请把“Data Start”设早一些或选择其他站点。',
	'Report {0} ({1}) of {2} is finished, but its file has no lines besides the column names.': '报告 {0}（{1}，{2}）已完成，但文件中除了列名没有任何行。',
	'{0}, {1} to {2}': '{0}，{1} 至 {2}',
	'No reports to output. Checked reports of type {0}{1} created {2} to {3}. Amazon keeps reports for 90 days.': '没有可输出的报告。已检查类型为 {0}{1}、创建于 {2} 至 {3} 的报告。亚马逊只保留 90 天内的报告。',
	' with status {0}': '、状态为 {0}',
	'No settlement reports to output. Checked {0} published {1} to {2}. Amazon publishes one per settlement period (usually every 14 days) and keeps it 90 days; a new store may not have a closed settlement yet.':
		'没有可输出的结算报告。已检查 {1} 至 {2} 发布的 {0}。亚马逊每个结算周期（通常每 14 天）发布一份并保留 90 天；新店铺可能还没有已结束的结算。',
	'No money events{0} to output. Checked {1}, posted {2} to {3} ({4} pages read). Amazon publishes money events minutes to 48 hours after they happen.':
		'没有可输出的资金事件{0}。已检查 {1}，入账时间 {2} 至 {3}（读取 {4} 页）。亚马逊会在资金事件发生几分钟到 48 小时后才公布。',
	'No money events{0} for order {1} ({2} pages read).': '订单 {1} 没有资金事件{0}（读取 {2} 页）。',
	'No money events{0} in settlement period {1} ({2} pages read).': '结算周期 {1} 中没有资金事件{0}（读取 {2} 页）。',
	' of the chosen types ({0})': '（所选类型：{0}）',
	'No settlement periods to output. Checked periods that opened {0} to {1}. Amazon opens one about every 14 days; for older ones set an earlier "Started After".':
		'没有可输出的结算周期。已检查开始于 {0} 至 {1} 的周期。亚马逊大约每 14 天开一个新周期；要查更早的，请把“Started After”设早一些。',
	'Amazon lists no store this seller sells in within region {0}, so "every store" means none. Pick the marketplaces, or check the credential\'s Region.':
		'亚马逊显示该卖家在 {0} 地区没有开店的站点，所以“所有站点”为空。请选择站点，或检查凭证的地区设置。',

	// ---- credential test
	'Connected to "{0}" — {1}.': '已连接“{0}”— {1}。',
	'Connected — sells in {0}.': '已连接 — 在 {0} 开店。',
	'Connected to "{0}" in region {1}, but Amazon lists no store it sells in there.': '已连接“{0}”（{1} 地区），但亚马逊显示它在该地区没有开店。',
	'Connected in region {0}, but Amazon lists no store this seller sells in there.': '已连接（{0} 地区），但亚马逊显示该卖家在该地区没有开店。',
};
