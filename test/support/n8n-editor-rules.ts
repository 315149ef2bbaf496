/**
 * The rules n8n's editor (n8n-editor-ui 2.41.1) applies to a node's credentials and parameters, replayed on a node
 * description so tests can see what a user sees. Read from n8n's source (packages/frontend/editor-ui:
 * utils/nodeTypesUtils.ts getMainAuthField / getNodeAuthFields / isAuthRelatedParameter / isRequiredCredential,
 * composables/useNodeCredentialOptions.ts, NodeCredentials.vue getCredentialsFieldLabel, and the parameter filter
 * of useNodeSettingsParameters.ts) and checked against the bundle that ships in the 2.41.1 runtime.
 */
import type { INodeCredentialDescription, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

type Show = Record<string, unknown[] | undefined>;

function show(item: { displayOptions?: { show?: Show } }): Show | undefined {
	return item.displayOptions?.show;
}

/** Parameters named in any credential's displayOptions.show. */
export function nodeAuthFields(node: INodeTypeDescription): INodeProperties[] {
	const fields: INodeProperties[] = [];
	for (const credential of node.credentials ?? []) {
		for (const key of Object.keys(show(credential) ?? {})) {
			for (const property of node.properties.filter((p) => p.name === key)) {
				if (!fields.includes(property)) fields.push(property);
			}
		}
	}
	return fields;
}

/** `authentication` (without a 'none' option), else the first auth field whose every option a credential names. */
export function mainAuthField(node: INodeTypeDescription): INodeProperties | null {
	const fields = nodeAuthFields(node);
	const named = fields.find(
		(f) => f.name === 'authentication' && !(f.options ?? []).some((o) => 'value' in o && o.value === 'none'),
	);
	if (named) return named;
	const used: Record<string, string[]> = {};
	for (const credential of node.credentials ?? []) {
		for (const [key, values] of Object.entries(show(credential) ?? {})) {
			used[key] = (used[key] ?? []).concat((values ?? []).map((v) => (v ? String(v) : '')));
		}
	}
	return (
		fields.find(
			(f) =>
				(f.options ?? []).length > 0 &&
				(f.options ?? []).every((o) => !('value' in o) || typeof o.value !== 'string' || used[f.name].includes(o.value)),
		) ?? null
	);
}

/** Top-level parameters the editor never shows (they move into the credential dialog). */
export function hiddenParameters(node: INodeTypeDescription): string[] {
	const main = mainAuthField(node);
	if (!main) return [];
	const authFields = nodeAuthFields(node);
	return node.properties
		.filter((p) => p.name === main.name || authFields.some((f) => p.name in (show(f) ?? {})))
		.map((p) => p.name);
}

function isMixed(node: INodeTypeDescription, credential: INodeCredentialDescription): boolean {
	const credentialShow = show(credential);
	if (!credentialShow) return true;
	const main = mainAuthField(node);
	return main ? main.name in credentialShow : false;
}

/** Credential types offered in the selector of one credential slot. */
export function offeredTypes(node: INodeTypeDescription, credential: INodeCredentialDescription): string[] {
	const main = mainAuthField(node);
	if (!isMixed(node, credential) || !main) return [credential.name];
	return (node.credentials ?? []).filter((c) => main.name in (show(c) ?? {})).map((c) => c.name);
}

/** The label above one credential slot. */
export function credentialLabel(
	node: INodeTypeDescription,
	credential: INodeCredentialDescription,
	typeDisplayName: (name: string) => string,
): string {
	if (credential.displayName) return credential.displayName;
	return isMixed(node, credential) ? 'Credential' : `Credential for ${typeDisplayName(credential.name)}`;
}

/** Credential slots shown for the given parameter values (each slot's displayOptions.show must all match). */
export function shownCredentials(
	node: INodeTypeDescription,
	parameters: Record<string, unknown>,
): INodeCredentialDescription[] {
	return (node.credentials ?? []).filter((c) =>
		Object.entries(show(c) ?? {}).every(([key, values]) => (values ?? []).includes(parameters[key])),
	);
}
