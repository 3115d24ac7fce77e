/**
 * Product templates and per-marketplace pricing. EU and JP titles carry non-ASCII text on purpose:
 * ACORN must keep umlauts, accents, dashes and Japanese text intact end to end.
 */
import { findMarketplace } from '../../../nodes/sp-api/marketplaces';
import type { Random } from '../random';
import type { CatalogItem } from './model';

type Language = 'en' | 'de' | 'fr' | 'it' | 'es' | 'ja';

interface ProductTemplate {
	code: string;
	/** Base price in USD cents. */
	usdCents: number;
	titles: Record<Language, string>;
}

const PRODUCTS: ProductTemplate[] = [
	{ code: 'TENT2', usdCents: 8999, titles: { en: 'Trailhead 2-Person Tent, Waterproof', de: 'Trailhead Zelt für 2 Personen – wasserdicht', fr: 'Tente Trailhead 2 places – imperméable', it: 'Tenda Trailhead per 2 persone – impermeabile', es: 'Tienda Trailhead para 2 personas – impermeable', ja: 'トレイルヘッド テント 2人用 防水' } },
	{ code: 'MUG12', usdCents: 1499, titles: { en: 'Enamel Camp Mug 12 oz', de: 'Emaille-Becher 350 ml „Lagerfeuer“', fr: 'Tasse émaillée de camping 350 ml', it: 'Tazza smaltata da campeggio 350 ml', es: 'Taza esmaltada de camping 350 ml', ja: 'ホーロー マグカップ 350ml' } },
	{ code: 'LAMP', usdCents: 2999, titles: { en: 'Rechargeable LED Lantern', de: 'Wiederaufladbare LED-Laterne, 300 lm', fr: 'Lanterne LED rechargeable, 300 lm', it: 'Lanterna LED ricaricabile, 300 lm', es: 'Farol LED recargable, 300 lm', ja: '充電式 LEDランタン 300ルーメン' } },
	{ code: 'BAG20', usdCents: 4999, titles: { en: 'Daypack 20 L, Recycled Nylon', de: 'Tagesrucksack 20 L, recyceltes Nylon', fr: 'Sac à dos 20 L, nylon recyclé', it: 'Zaino da giorno 20 L, nylon riciclato', es: 'Mochila de día 20 L, nailon reciclado', ja: 'デイパック 20L リサイクルナイロン' } },
	{ code: 'SOCK3', usdCents: 1999, titles: { en: 'Merino Hiking Socks, 3 Pairs', de: 'Merino-Wandersocken, 3 Paar (Größe 43–46)', fr: 'Chaussettes de randonnée mérinos, 3 paires', it: 'Calze da trekking in merino, 3 paia', es: 'Calcetines de senderismo de merino, 3 pares', ja: 'メリノウール 登山用靴下 3足組' } },
	{ code: 'STOVE', usdCents: 5999, titles: { en: 'Compact Gas Stove with Piezo Igniter', de: 'Kompakter Gaskocher mit Piezozündung', fr: 'Réchaud à gaz compact avec allumage piézo', it: 'Fornello a gas compatto con accensione piezo', es: 'Hornillo de gas compacto con encendido piezoeléctrico', ja: 'コンパクト ガスストーブ 圧電点火' } },
	{ code: 'KNIFE', usdCents: 2499, titles: { en: 'Folding Pocket Knife, Oak Handle', de: 'Taschenmesser mit Eichengriff', fr: 'Couteau de poche pliant, manche en chêne', it: 'Coltello tascabile pieghevole, manico in rovere', es: 'Navaja plegable, mango de roble', ja: '折りたたみナイフ オーク材ハンドル' } },
	{ code: 'BOTTLE', usdCents: 1999, titles: { en: 'Insulated Bottle 750 ml', de: 'Isolierflasche 750 ml, Edelstahl', fr: 'Gourde isotherme 750 ml, inox', it: 'Borraccia termica 750 ml, acciaio', es: 'Botella térmica 750 ml, acero', ja: '真空断熱ボトル 750ml' } },
	{ code: 'CHAIR', usdCents: 3999, titles: { en: 'Ultralight Camp Chair', de: 'Ultraleichter Campingstuhl', fr: 'Chaise de camping ultralégère', it: 'Sedia da campeggio ultraleggera', es: 'Silla de camping ultraligera', ja: '超軽量 キャンプチェア' } },
	{ code: 'GLOVES', usdCents: 2799, titles: { en: 'Touchscreen Fleece Gloves', de: 'Fleece-Handschuhe, touchscreenfähig', fr: 'Gants polaires compatibles écran tactile', it: 'Guanti in pile touchscreen', es: 'Guantes polares para pantalla táctil', ja: 'フリース手袋 スマホ対応' } },
	{ code: 'HAMMOCK', usdCents: 4499, titles: { en: 'Parachute Nylon Hammock', de: 'Hängematte aus Fallschirmseide', fr: 'Hamac en nylon parachute', it: 'Amaca in nylon da paracadute', es: 'Hamaca de nailon de paracaídas', ja: 'パラシュートナイロン ハンモック' } },
	{ code: 'MAP', usdCents: 999, titles: { en: 'Waterproof Trail Map Case', de: 'Wasserdichte Kartentasche', fr: 'Étui à carte étanche', it: 'Porta mappe impermeabile', es: 'Funda impermeable para mapas', ja: '防水 マップケース' } },
];

const LANGUAGE_BY_COUNTRY: Record<string, Language> = { DE: 'de', FR: 'fr', IT: 'it', ES: 'es', JP: 'ja', MX: 'es' };

/** Rough USD → currency factors; prices only need to look plausible. */
const PRICE_FACTOR: Record<string, number> = {
	USD: 1, CAD: 1.35, MXN: 17, GBP: 0.8, EUR: 0.92, JPY: 150, AUD: 1.5, SEK: 10.5, PLN: 4, TRY: 32,
	SGD: 1.35, BRL: 5, INR: 83, AED: 3.67, SAR: 3.75, EGP: 48, ZAR: 18.5,
};

/** A shop price: x.99 in decimal currencies, a round 80-yen ending in JPY (2,980 円). */
function shopPrice(usdCents: number, currency: string): number {
	const factor = PRICE_FACTOR[currency] ?? 1;
	if (currency === 'JPY') return Math.max(1, Math.round((usdCents * factor) / 100 / 100)) * 100 - 20;
	const whole = Math.max(1, Math.floor((usdCents * factor) / 100));
	return whole * 100 + 99;
}

/** Per-seller catalog: the same products (ASINs, SKUs) in every marketplace, priced locally. */
export function buildCatalog(random: Random, sellerPrefix: string, marketplaceIds: readonly string[]): CatalogItem[] {
	const products = PRODUCTS.filter(() => random.chance(0.85));
	const identities = products.map((product) => ({
		product,
		asin: `B0${random.upperAlnum(8)}`,
		fnSku: `X00${random.upperAlnum(7)}`,
		sellerSku: `${sellerPrefix}-${product.code}-${random.digits(3)}`,
	}));
	const catalog: CatalogItem[] = [];
	for (const marketplaceId of marketplaceIds) {
		const marketplace = findMarketplace(marketplaceId);
		if (!marketplace) throw new Error(`unknown marketplace ${marketplaceId}`);
		const language = LANGUAGE_BY_COUNTRY[marketplace.countryCode] ?? 'en';
		for (const { product, asin, fnSku, sellerSku } of identities) {
			catalog.push({
				marketplaceId,
				sellerSku,
				asin,
				fnSku,
				title: product.titles[language],
				unitPriceMinor: shopPrice(product.usdCents, marketplace.currency),
				currency: marketplace.currency,
			});
		}
	}
	return catalog;
}

/** Converts a USD-cent amount (a fee, a subscription) to the currency's minor units, rounded. */
export function usdCentsTo(currency: string, usdCents: number): number {
	const factor = PRICE_FACTOR[currency] ?? 1;
	const major = (usdCents * factor) / 100;
	return currency === 'JPY' ? Math.round(major) : Math.round(major * 100);
}
