import { common } from './common';
import { credentials } from './credentials';
import { sellers } from './sellers';
import { finances } from './finances';
import { refunds } from './refunds';
import { reports } from './reports';
import { notifications } from './notifications';
import { sellerWallet } from './sellerWallet';
import { triggers } from './triggers';
import { notificationTypes } from './notificationTypes';
import { reportTypes } from './reportTypes';
import { marketplaces } from './marketplaces';
import { reportsRobustness } from './reports-robustness';
import { vendor } from './vendor';
import { errors } from './errors';
import { editor } from './editor';
import { notif } from './notif';
import { queue } from './queue';
import { playbooks } from './playbooks';
import { integ1 } from './integ1';
import { runtime } from './runtime';

/**
 * 简体中文 — ACORN's Chinese table, keyed by the English text. Split into sections only so that work on
 * different nodes does not edit the same lines; together they are one table (a key may appear in only
 * one section: test/unit/i18n.test.ts). Placeholders {0}, {1}, … stand for the values of a `tr` text.
 *
 * Wording for Chinese cross-border sellers: 站点 for marketplace, 店铺 for the seller's store, 退款, 退货, 结算,
 * 报告, 授权, 凭证 (credential), 数据 for an n8n item; product names (SP-API, LWA, SQS, FBA, n8n) stay.
 * reportSearchWords.ts is not a section: extra Chinese words the report type search matches.
 */
export const ZH_CN_SECTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
	common,
	credentials,
	sellers,
	finances,
	refunds,
	reports,
	notifications,
	sellerWallet,
	triggers,
	notificationTypes,
	reportTypes,
	marketplaces,
	reportsRobustness,
	vendor,
	errors,
	editor,
	notif,
	queue,
	playbooks,
	integ1,
	runtime,
};

export const ZH_CN: Readonly<Record<string, string>> = Object.assign({}, ...Object.values(ZH_CN_SECTIONS));
