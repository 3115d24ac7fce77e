/**
 * Sending a vendor write (acknowledgement, ASN, invoice) once: the item has been checked before this is
 * called; here it is claimed for this execution (a second item with the same PO, shipment or invoice
 * number is refused before any call), sent once (the core never repeats a write after a fault that may
 * have taken effect) and answered with Amazon's transaction ID and what to do with it.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { tr } from '../../../sp-api/i18n/translate';
import { claimOncePerExecution } from '../../../sp-api/n8n/oncePerExecution';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import type { OperationKey } from '../../../sp-api/operations';
import { vendorCall } from './calls';
import type { WriteDescription } from './errors';

export interface VendorWrite {
	key: OperationKey;
	body: IDataObject;
	/** What it is in words and as data, and what to look at when the outcome is unclear. */
	description: WriteDescription;
	/** The number that must not be sent twice in one run, e.g. `acknowledgement|2JK3S9VB`. */
	onceKey: string;
	/** Words the refusal of a second submission in one run. */
	duplicate: (earlier: { item: number; nodeName: string }) => string;
	includeResponseMetadata: boolean;
}

export async function submitOnce(context: IExecuteFunctions, itemIndex: number, client: SpApiClient, write: VendorWrite): Promise<IDataObject> {
	claimOncePerExecution(context, itemIndex, { key: write.onceKey, describe: write.duplicate });
	const submittedAt = new Date(client.nowMs()).toISOString();
	const response = await vendorCall<{ payload?: { transactionId?: string } }>(client, write.key, { body: write.body }, write.description);
	const transactionId = response.data?.payload?.transactionId;
	const item: IDataObject = {
		transactionId,
		status: 'submitted',
		submittedAt,
		nextStep: transactionId
			? tr`Amazon accepted this for processing; it is not applied yet. Transaction Status → Get with transaction ID ${transactionId} tells whether Amazon applied it (Success) or refused it (Failure, with the reasons), usually within minutes.`
			: tr`Amazon answered without a transaction ID: check in Vendor Central whether it arrived before sending it again.`,
		...write.description.facts,
	};
	return withResponseMetadata(item, response.metadata, write.includeResponseMetadata);
}
