import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { secretsOf } from '../shared/errors';
import { expandPlaceholders, parseConnectionParameters } from './connection-parameters';
import { CREDENTIAL_TYPES } from './description';
import { resolveUrl } from './request-body';
import { credentialTrust } from './trust';
import type { CredentialTrust } from './trust';

/** Credential data read once per execution (n8n reads it without an item index for signing too). */
export type CredentialCache = Map<string, Promise<ICredentialDataDecryptedObject | undefined>>;

/** The URL an item calls and, with a credential, where that credential may go. */
export interface Target {
	url: string;
	trust: CredentialTrust | undefined;
}

/**
 * Connection Parameters fill {name} placeholders first, so the host check (by the caller, before anything is sent)
 * sees the expanded URL; a relative URL is resolved against the credential's Base URL.
 */
export function resolveTarget(url: string, credential: ICredentialDataDecryptedObject | undefined): Target {
	const connection = parseConnectionParameters(credential?.connectionParameters);
	const rawBase = typeof credential?.baseUrl === 'string' ? credential.baseUrl.trim() : '';
	const baseUrl = expandPlaceholders(rawBase, connection, 'Base URL');
	const resolved = resolveUrl(expandPlaceholders(url, connection, 'URL'), baseUrl || undefined);
	return { url: resolved, trust: credential ? credentialTrust({ ...credential, baseUrl }) : undefined };
}

/** Read for the Base URL and the allowed hosts only: signing stays with httpRequestWithAuthentication. */
export async function readCredential(
	this: IExecuteFunctions,
	authentication: string,
	i: number,
	cache: CredentialCache,
): Promise<ICredentialDataDecryptedObject | undefined> {
	const cached = cache.get(authentication);
	if (cached) return await cached;
	const read = this.getCredentials<ICredentialDataDecryptedObject>(authentication, i);
	cache.set(authentication, read);
	return await read;
}

/** The credential's own secret values, so an API that echoes them back cannot leak them into an error. */
export async function credentialSecrets(this: IExecuteFunctions, i: number, cache: CredentialCache): Promise<string[]> {
	const authentication = this.getNodeParameter('authentication', i, 'none') as string;
	if (authentication === 'none') return [];
	let data: unknown;
	try {
		data = await readCredential.call(this, authentication, i, cache);
	} catch {
		// No readable credential means nothing of it can be in the error either.
		data = undefined;
	}
	// Extra credential parameters (API key credential) are secrets whatever their names.
	const extra = ((data as IDataObject | undefined)?.additionalParameters as IDataObject | undefined)?.parameter;
	const values = Array.isArray(extra) ? extra.map((r) => String((r as IDataObject).value ?? '')).filter((v) => v.length >= 4) : [];
	return [...secretsOf(data), ...values];
}

export function credentialLabel(this: IExecuteFunctions, i: number): string | undefined {
	const authentication = this.getNodeParameter('authentication', i, 'none') as string;
	const kind = CREDENTIAL_TYPES.find((c) => c.value === authentication);
	if (!kind) return undefined;
	const name = this.getNode().credentials?.[authentication]?.name;
	return `Custom Service ${kind.name} credential${name ? ` "${name}"` : ''}`;
}
