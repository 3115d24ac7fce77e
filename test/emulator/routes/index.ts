/** The emulator's route table: one file per API, merged here. Operations missing here answer 501. */
import { finances2024Routes } from './finances2024';
import { financesV0Routes } from './financesV0';
import { fulfillmentOutboundRoutes } from './fulfillmentOutbound';
import { notificationsRoutes } from './notifications';
import { reportsRoutes } from './reports';
import { sellersRoutes } from './sellers';
import { sellerWalletRoutes } from './sellerWallet';
import { tokensRoutes } from './tokens';
import { transfersRoutes } from './transfers';
import type { RouteTable } from './types';
import { vendorRoutes } from './vendor';

export const ROUTES: RouteTable = {
	...sellersRoutes,
	...financesV0Routes,
	...finances2024Routes,
	...sellerWalletRoutes,
	...transfersRoutes,
	...fulfillmentOutboundRoutes,
	...notificationsRoutes,
	...reportsRoutes,
	...vendorRoutes,
	...tokensRoutes,
};
