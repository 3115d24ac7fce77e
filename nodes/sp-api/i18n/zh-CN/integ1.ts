/** Run-time texts of the integration pass: SQS errors of Notification Settings → Queue (Prepare/Check) in words true for the case. */
export const integ1: Readonly<Record<string, string>> = {
	'SQS action: {0}': 'SQS 操作：{0}',
	'AWS code: {0}': 'AWS 错误代码：{0}',
	'Run Prepare again: it uses what is there and adds only what is missing.': '再运行一次 Prepare（准备）即可：它沿用已有的部分，只补上缺少的。',
	'AWS kept refusing {0} as too many requests, in {1} tries. Wait a minute and run it again.': 'AWS 以请求过多为由一直拒绝 {0}（共尝试 {1} 次）。请等一分钟后再运行。',
	'AWS refused {0} as too many requests. Wait a minute and run it again.': 'AWS 以请求过多为由拒绝了 {0}。请等一分钟后再运行。',
	'AWS SQS had a problem (HTTP {0}) while handling {1}: it may or may not have been carried out.': 'AWS SQS 处理 {1} 时出了问题（HTTP {0}）：该操作可能已执行，也可能没有。',
	'AWS SQS had a problem (HTTP {0}) with {1} and still had it after {2} tries. Try again later.': 'AWS SQS 处理 {1} 时出了问题（HTTP {0}），尝试 {2} 次后仍未恢复。请稍后再试。',
	'AWS SQS had a problem (HTTP {0}) with {1}. Try again later.': 'AWS SQS 处理 {1} 时出了问题（HTTP {0}）。请稍后再试。',
	'AWS SQS did not answer {0} within {1} s, so it may or may not have been carried out.': 'AWS SQS 未在 {1} 秒内回应 {0}，因此该操作可能已执行，也可能没有。',
	'AWS SQS did not answer {0} within {1} s, in {2} tries. Try again later.': 'AWS SQS 未在 {1} 秒内回应 {0}（共尝试 {2} 次）。请稍后再试。',
	'AWS SQS did not answer {0} within {1} s. Try again later.': 'AWS SQS 未在 {1} 秒内回应 {0}。请稍后再试。',
	'The connection to AWS SQS broke before the answer to {0} arrived, so it may or may not have been carried out.': '在收到 {0} 的回应之前，与 AWS SQS 的连接断开了，因此该操作可能已执行，也可能没有。',
	'The connection to AWS SQS broke before the answer to {0} arrived, in {1} tries. Try again later.': '在收到 {0} 的回应之前，与 AWS SQS 的连接断开了（共尝试 {1} 次）。请稍后再试。',
	'The connection to AWS SQS broke before the answer to {0} arrived. Try again later.': '在收到 {0} 的回应之前，与 AWS SQS 的连接断开了。请稍后再试。',
	'AWS SQS refused the {0} request as invalid. Check the queue name and region in the Amazon SQS credential.': 'AWS SQS 认为 {0} 请求无效，拒绝了它。请检查 Amazon SQS 凭证中的队列名称和地区。',
};
