/**
 * The emulator's store, exposed to tests as `control.state`. Seller data is generated on first use
 * (each seller from its own seeded streams), so starting an emulator stays cheap.
 */
import type { TokenStore } from '../tokenStore';
import type { EmulatorFixtures, SellerFixture, SellerFixtureKey } from '../types';
import { generateSellerData, type GeneratorSettings } from './generator';
import type { SellerData } from './model';

export class EmulatorState {
	private readonly sellerData = new Map<string, SellerData>();

	constructor(
		readonly fixtures: EmulatorFixtures,
		readonly settings: Readonly<GeneratorSettings>,
		/** Access tokens issued by the emulator's LWA. */
		readonly tokens: TokenStore,
	) {}

	/** Looks a seller up by fixture key (`na`) or seller id (`A1ACORNSELLERNA`). */
	seller(keyOrSellerId: SellerFixtureKey | string): SellerFixture | undefined {
		const sellers = Object.values(this.fixtures.sellers);
		return sellers.find((seller) => seller.key === keyOrSellerId) ?? sellers.find((seller) => seller.sellerId === keyOrSellerId);
	}

	/** The generated data of a seller (generated on first call). Throws for an unknown seller. */
	dataFor(keyOrSellerId: SellerFixtureKey | string): SellerData {
		const seller = this.seller(keyOrSellerId);
		if (!seller) throw new Error(`no seller fixture ${keyOrSellerId}`);
		let data = this.sellerData.get(seller.sellerId);
		if (!data) {
			data = generateSellerData(seller, this.settings);
			this.sellerData.set(seller.sellerId, data);
		}
		return data;
	}
}
