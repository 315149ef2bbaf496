// webhook(): verify the signature on the raw bytes before anything else, then parse, filter and dedupe.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { hubspotEventKey, selectHubspotEvents, parseHubspotWebhookBody } from '../../lib/hubspot/webhook-events';
import { describeSignatureFailure, verifyHubspotSignature } from '../../lib/hubspot/webhook-signature';
import { syncStartGate } from '../shared/start-gate';
import { holdUntilHandedOver, persistConfirmed } from '../../lib/webhooks/recent-keys';
import { seenStateIn } from '../../lib/webhooks/seen-set';
import { readClientSecret, readConfig, targetUrl, type HubspotTriggerConfig } from './config';
import { hubspotRecentKeys } from './recent-keys';

interface RawRequest {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
	url?: string;
	originalUrl?: string;
	method?: string;
	headers: Record<string, string | string[] | undefined>;
}

function reject(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

/** HubSpot signs the URL it called, query included: keep the request's own query string, in its order. */
function signedUrl(base: string, req: RawRequest): string {
	if (base.includes('?')) return base;
	const path = req.originalUrl ?? req.url ?? '';
	const q = path.indexOf('?');
	return q === -1 ? base : `${base}${path.slice(q)}`;
}

/** Keys kept in workflow static data (process memory keeps the whole dedupe window). */
const PERSISTED_SEEN = 500;

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const config = readConfig(this);
	const node = this.getNode();
	const req = this.getRequestObject() as unknown as RawRequest;
	if (!req.rawBody && req.readRawBody) await req.readRawBody();
	const rawBody = req.rawBody ?? Buffer.alloc(0);
	const url = signedUrl(targetUrl(this, config), req);
	const verify = (clientSecret: string) =>
		verifyHubspotSignature(
			{ method: req.method ?? 'POST', url, rawBody, headers: req.headers },
			{
				clientSecret,
				now: () => Date.now(),
				maxAgeMs: config.maxAgeMinutes * 60_000,
				versions: config.acceptLegacySignatures ? ['v3', 'v2', 'v1'] : ['v3'],
			},
		);
	const secret = await readClientSecret(this, node, config.authentication);
	let check = verify(secret.secret);
	if (!check.ok && secret.cached) {
		// the secret may have been rotated since it was cached: verify once more with the stored one
		const again = await readClientSecret(this, node, config.authentication, true);
		if (!again.cached) check = verify(again.secret);
	}
	if (!check.ok) {
		const message = describeSignatureFailure(check.reason);
		this.logger.warn(`HubSpot Sync Trigger rejected a request: ${message}`);
		return reject(this, 401, message);
	}
	const parsed = parseHubspotWebhookBody(rawBody);
	if (!parsed.ok) return reject(this, 400, `Unexpected HubSpot webhook body (${parsed.reason})`);
	return emitNew(this, `${this.getWorkflow().id ?? ''}:${node.id}`, config, parsed.events, check.version);
}

/**
 * Filters the verified events and hands the new ones to n8n. Synchronous from recall to hold, so concurrent
 * deliveries in one process cannot both pass as new.
 */
function emitNew(ctx: IWebhookFunctions, scope: string, config: HubspotTriggerConfig, raw: Record<string, unknown>[], signature: string): IWebhookResponseData {
	const staticData = ctx.getWorkflowStaticData('node');
	const stored = seenStateIn(staticData, 'seen');
	const seen = hubspotRecentKeys.recall(scope, stored, config.dedupeWindow);
	const { events, stats } = selectHubspotEvents(raw, {
		events: config.events,
		properties: config.properties,
		dropOwnChanges: config.dropOwnChanges,
		ownAppId: config.ownAppId,
		ownSourceIds: config.ownSourceIds,
		seen,
		seenCap: config.dedupeWindow,
	});
	ctx.logger.debug('HubSpot Sync Trigger delivery', { ...stats, signature });
	// Nothing new: no execution; n8n still answers 200 so HubSpot does not retry. Only then are static-data writes
	// kept (and not copied into executions): persist the newest confirmed keys.
	if (events.length === 0) {
		persistConfirmed(hubspotRecentKeys, scope, staticData, 'seen', stored, PERSISTED_SEEN);
		return {};
	}
	const workflowData = [ctx.helpers.returnJsonArray(events as unknown as IDataObject[])];
	// Remembered for good only once n8n answered 2xx, i.e. created or queued the execution; a delivery that started
	// nothing (n8n answered 5xx) is forgotten, so HubSpot's retry of it is accepted.
	holdUntilHandedOver(hubspotRecentKeys, scope, events.map(hubspotEventKey), config.dedupeWindow, ctx.getResponseObject());
	syncStartGate.arrived('hubspot');
	return { workflowData };
}
