'use strict';
// HubSpot webhook deliveries as HubSpot sends them, for the trigger e2e tests, the load test and the benchmarks:
// v3 and v1 signatures written from HubSpot's docs (developers.hubspot.com "Validating requests"), independent of
// lib/hubspot/webhook-signature.ts on purpose, and a contact.creation event (docs/crm-api-notes.md §1.3).
const crypto = require('node:crypto');

/** v3: base64 HMAC-SHA256 of method + uri + body + timestamp. */
function signV3(secret, method, uri, body, timestamp) {
	return crypto.createHmac('sha256', secret).update(`${method}${uri}${body}${timestamp}`, 'utf8').digest('base64');
}

/** v1: hex SHA-256 of client secret + body; no timestamp, no URL. */
function signV1(secret, body) {
	return crypto.createHash('sha256').update(`${secret}${body}`, 'utf8').digest('hex');
}

/** Headers of a genuine HubSpot v3 delivery of `body` (a string) to `url`. */
function hubspotHeaders(secret, url, body, timestamp = Date.now()) {
	return {
		'content-type': 'application/json',
		'x-hubspot-signature-v3': signV3(secret, 'POST', url, body, String(timestamp)),
		'x-hubspot-request-timestamp': String(timestamp),
	};
}

/** Headers of a genuine HubSpot app delivery: v3 and, alongside it, the old v1 signature (as HubSpot sends them). */
function hubspotDeliveryHeaders(secret, url, body, timestamp = Date.now()) {
	return { ...hubspotHeaders(secret, url, body, timestamp), 'x-hubspot-signature': signV1(secret, body), 'x-hubspot-signature-version': 'v1' };
}

/** The same delivery as an attacker who captured it would replay it: v3 signature and timestamp removed, v1 kept. */
function withoutV3(headers) {
	const { 'x-hubspot-signature-v3': _s, 'x-hubspot-request-timestamp': _t, ...rest } = headers;
	return rest;
}

let nextEventId = 9_000_000;
/** A HubSpot contact.creation event of the sandbox's app and portal; `overrides` replace any field. */
function hubspotEvent(sb, overrides = {}) {
	const eventId = nextEventId++;
	return {
		eventId,
		subscriptionId: 1,
		portalId: Number(sb.hubspot.portalId),
		appId: Number(sb.hubspot.appId),
		occurredAt: Date.now(),
		subscriptionType: 'contact.creation',
		attemptNumber: 0,
		objectId: 500_000 + eventId,
		changeFlag: 'NEW',
		changeSource: 'CRM_UI',
		...overrides,
	};
}

module.exports = { signV3, signV1, hubspotHeaders, hubspotDeliveryHeaders, withoutV3, hubspotEvent };
