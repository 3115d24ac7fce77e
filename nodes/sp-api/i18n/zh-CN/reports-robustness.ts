/**
 * Reports robustness (issue 13): stream filters of the report downloads ("Only Rows Where", "Only These
 * Columns"), renewed document links, report dates. Keyed by the exact English text.
 */
export const reportsRobustness: Readonly<Record<string, string>> = {
	// download options: filters applied while the file is read
	'Only Rows Where': '只保留满足条件的行',
	'Keep only the lines you need, checked while the file is read: lines left out never become items, so a huge settlement costs memory only for what is kept. With several conditions a line must meet all of them.':
		'只保留你需要的行，在读取文件的同时检查：被过滤掉的行不会变成数据，所以超大结算报告只为保留的部分占用内存。有多个条件时，一行必须满足全部条件。',
	'Add condition': '添加条件',
	Condition: '条件',
	Column: '列',
	'e.g. transaction-type': '例如 transaction-type',
	'A column name from the first line of the report (upper/lower case, spaces and dashes do not matter)': '报告第一行中的列名（不区分大小写，空格和横线也不影响）',
	'Keep Lines Whose Value': '保留值满足以下条件的行',
	'Is One Of': '是其中之一',
	'Is None Of': '都不是',
	Values: '值',
	'e.g. Refund, Chargeback Refund': '例如 Refund, Chargeback Refund',
	'Separated by commas; upper/lower case does not matter': '用逗号分隔；不区分大小写',
	'Only These Columns': '只保留这些列',
	'e.g. sku, amount-type, amount-description, amount, posted-date-time': '例如 sku, amount-type, amount-description, amount, posted-date-time',
	'Column names separated by commas: each line keeps only these columns (in this order). Empty: all columns.': '用逗号分隔的列名：每行只保留这些列（按此顺序）。留空：保留全部列。',
	// run-time texts
	'A condition in "Only Rows Where" has no column name.': '“只保留满足条件的行”中有一个条件没有填写列名。',
	'The condition on column "{0}" in "Only Rows Where" has no values.': '“只保留满足条件的行”中关于列“{0}”的条件没有填写值。',
	'The report has no column "{0}". Its columns are: {1}{2}.': '报告中没有“{0}”这一列。报告的列有：{1}{2}。',
	'Correct the column name in "Only Rows Where" or "Only These Columns" (download a few rows without filters to see the column names).':
		'请修改“只保留满足条件的行”或“只保留这些列”中的列名（可先不加过滤下载几行，查看列名）。',
	'Amazon\'s storage refused report document {0} twice as "expired" (HTTP {1}), also with the new download address ACORN asked for after the first refusal.':
		'亚马逊的存储服务两次以“已失效”为由拒绝了报告文档 {0} 的下载（HTTP {1}），第一次被拒后 ACORN 重新获取的新下载地址也被拒绝。',
	"The download address expired again right after ACORN asked Amazon for a new one: this computer's clock is {0} minutes ahead of Amazon's storage. Set the clock right (automatic time), then run the node again.":
		'ACORN 刚向亚马逊要了新的下载地址，它又马上失效了：这台电脑的时钟比亚马逊存储服务快 {0} 分钟。请校准时钟（开启自动时间），然后重新运行节点。',
	"The download address expired again right after ACORN asked Amazon for a new one: this computer's clock is {0} minutes behind Amazon's storage. Set the clock right (automatic time), then run the node again.":
		'ACORN 刚向亚马逊要了新的下载地址，它又马上失效了：这台电脑的时钟比亚马逊存储服务慢 {0} 分钟。请校准时钟（开启自动时间），然后重新运行节点。',
	'The download address expired again right after ACORN asked Amazon for a new one. Run the node again in a few minutes; if it keeps failing, download the report in Seller Central.':
		'ACORN 刚向亚马逊要了新的下载地址，它又马上失效了。请几分钟后重新运行节点；如果一直失败，请在卖家平台下载该报告。',
};
