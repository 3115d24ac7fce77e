import { common } from './common';
import { queue } from './queue';

/**
 * 简体中文 — ACORN's Chinese table, keyed by the English text. Split into sections only so that work on
 * different nodes does not edit the same lines; together they are one table (a key may appear in only
 * one section: test/unit/i18n.test.ts). Placeholders {0}, {1}, … stand for the values of a `tr` text.
 *
 * Wording for Chinese cross-border sellers: 店铺/站点 for marketplace, 退款, 退货, 结算, 报告, 授权.
 */
export const ZH_CN_SECTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = { common, queue };

export const ZH_CN: Readonly<Record<string, string>> = Object.assign({}, ...Object.values(ZH_CN_SECTIONS));
