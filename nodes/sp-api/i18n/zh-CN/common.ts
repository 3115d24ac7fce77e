/** Texts shared by several nodes (Return All, Limit, Options, marketplaces, …). */
export const common: Readonly<Record<string, string>> = {
	'Return All': '返回全部',
	'Whether to return all results or only up to a given limit': '是否返回全部结果，或最多返回“数量上限”条',
	Limit: '数量上限',
	'Max number of results to return': '最多返回多少条结果',
	Options: '选项',
	'Add option': '添加选项',
};
