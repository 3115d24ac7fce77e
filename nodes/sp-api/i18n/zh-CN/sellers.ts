/** Amazon SP-API Seller Account node. */
export const sellers: Readonly<Record<string, string>> = {
	'Amazon SP-API Seller Account': '亚马逊 SP-API 卖家账户',
	'Check which Amazon stores a seller account sells in (Selling Partner API)': '查看卖家账户在哪些亚马逊站点销售（Selling Partner API）',
	'Amazon Seller Account': '亚马逊卖家账户',
	Seller: '卖家',
	'Get the business details Amazon holds for the seller account': '获取亚马逊登记的卖家账户企业信息',
	'Get the seller account': '获取卖家账户',
	'Get Account': '获取账户信息',
	'List the Amazon stores this seller sells in, with currency and status': '列出这个卖家销售的亚马逊站点，包括币种和状态',
	'Get marketplace participations': '获取参与的站点',
	'Get Marketplace Participations': '获取参与的站点',
	'Only Active Marketplaces': '只看在售站点',
	'Whether to leave out marketplaces where the account does not participate': '是否排除账户没有参与的站点',
};
