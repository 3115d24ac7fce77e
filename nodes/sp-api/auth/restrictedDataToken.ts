/**
 * Restricted Data Tokens (Tokens API 2021-03-01, createRestrictedDataToken): a short-lived token that
 * opens restricted resources, such as the documents of report types that carry buyer data. Amazon:
 * "When specifying a restricted report type in a call to the getReportDocument operation, you must
 * pass in an RDT", and for getReportDocument the resource must be the specific path, not a generic one.
 * An RDT is asked for each time it is needed and never stored: it is as sensitive as an access token.
 */
import type { SpApiClient } from '../client';
import { SpApiError } from '../errors';
import { getOperation } from '../operations';
import { tr } from '../i18n/translate';

export interface RestrictedResource {
	method: 'GET' | 'PUT' | 'POST' | 'DELETE';
	/** A specific path, e.g. /reports/2021-06-30/documents/amzn1.spdoc.1.4.eu.… */
	path: string;
}

export async function restrictedDataToken(client: SpApiClient, resources: RestrictedResource[]): Promise<string> {
	try {
		const response = await client.call<{ restrictedDataToken?: string }>('createRestrictedDataToken', { body: { restrictedResources: resources } });
		const token = response.data?.restrictedDataToken;
		if (typeof token !== 'string' || token === '') throw new Error(tr`Amazon returned no Restricted Data Token.`);
		return token;
	} catch (error) {
		if (error instanceof SpApiError && error.httpStatus === 403) {
			throw new SpApiError({
				kind: error.kind,
				operation: getOperation('createRestrictedDataToken'),
				httpStatus: error.httpStatus,
				errors: error.errors,
				requestId: error.requestId,
				attempts: error.attempts,
				message: tr`Amazon refused a Restricted Data Token for ${resources.map((resource) => resource.path).join(', ')}.`,
				hint: tr`This report contains buyer data, so Amazon hands it out only with a Restricted Data Token. Your app needs the Tax Invoicing or Tax Remittance role (Developer Console → your app → Roles), then authorise the app again.`,
				cause: error,
			});
		}
		throw error;
	}
}
