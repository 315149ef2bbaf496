/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
/**
 * Loads templates/*.json and the package's own node and credential descriptions (from the TypeScript sources),
 * so the template checks compare the JSON with what the nodes really declare.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ICredentialType, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

export const ROOT = join(__dirname, '..', '..');
export const TEMPLATES_DIR = join(ROOT, 'templates');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};
export const PACKAGE_NAME = pkg.name;
export const PACKAGE_N8N = pkg.n8n;

export interface TemplateNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string | null; name: string }>;
	webhookId?: string;
	disabled?: boolean;
	onError?: string;
}

export interface TemplateConnection {
	node: string;
	type: string;
	index: number;
}

export interface Template {
	id: string;
	name: string;
	nodes: TemplateNode[];
	connections: Record<string, { main: TemplateConnection[][] }>;
	settings: Record<string, unknown>;
	pinData: Record<string, unknown>;
}

export const TEMPLATE_FILES = ['hubspot-to-zoho.json', 'initial-sync.json', 'invoke-url-examples.json', 'zoho-to-hubspot.json'];

export function loadTemplate(file: string): Template {
	return JSON.parse(readFileSync(join(TEMPLATES_DIR, file), 'utf8')) as Template;
}

export function templateFilesOnDisk(): string[] {
	return readdirSync(TEMPLATES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort();
}

/**
 * n8n-nodes-base types the templates may use, with the versions n8n 2.41.1 ships
 * (node-definitions/nodes/n8n-nodes-base/<type>/v<version> in the n8n-nodes-base@2.41.1 tarball).
 */
export const BASE_NODE_VERSIONS: Record<string, number[]> = {
	'n8n-nodes-base.stickyNote': [1],
	'n8n-nodes-base.manualTrigger': [1],
	'n8n-nodes-base.scheduleTrigger': [1, 1.1, 1.2, 1.3, 1.4],
	'n8n-nodes-base.aggregate': [1],
	'n8n-nodes-base.emailSend': [1, 2, 2.1],
	'n8n-nodes-base.set': [1, 2, 3, 3.1, 3.2, 3.3, 3.4, 3.5],
	'n8n-nodes-base.splitOut': [1],
	'n8n-nodes-base.if': [1, 2, 2.1, 2.2, 2.3],
	'n8n-nodes-base.noOp': [1],
};
/** Built-in credential types the templates may reference (only n8n-nodes-base nodes use them). */
export const BASE_CREDENTIAL_TYPES = ['smtp'];

/** When `npm start`/e2e installed the real n8n, its node definitions confirm the table above. */
export const RUNTIME_DEFINITIONS = join(
	ROOT,
	'.cache',
	'n8n-runtime',
	'n8n',
	'node_modules',
	'n8n-nodes-base',
	'dist',
	'node-definitions',
	'nodes',
	'n8n-nodes-base',
);

export function runtimeHasVersion(type: string, version: number): boolean {
	const dir = join(RUNTIME_DEFINITIONS, type.replace(/^n8n-nodes-base\./, ''));
	const v = `v${String(version).replace('.', '')}`;
	return existsSync(join(dir, `${v}.ts`)) || existsSync(join(dir, v));
}

/** Node descriptions of this package by description.name, loaded from nodes/<Name>/<Name>.node.ts. */
export function packageNodeDescriptions(): Map<string, INodeTypeDescription> {
	const out = new Map<string, INodeTypeDescription>();
	for (const dir of readdirSync(join(ROOT, 'nodes'))) {
		const file = join(ROOT, 'nodes', dir, `${dir}.node.ts`);
		if (!existsSync(file)) continue;
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const mod = require(file) as Record<string, new () => { description: INodeTypeDescription }>;
		const Ctor = mod[dir];
		if (Ctor) {
			const { description } = new Ctor();
			out.set(description.name, description);
		}
	}
	return out;
}

/** Credential types of this package by name, loaded from credentials/<Class>.credentials.ts. */
export function packageCredentialTypes(): Map<string, ICredentialType> {
	const out = new Map<string, ICredentialType>();
	for (const f of readdirSync(join(ROOT, 'credentials')).filter((x) => x.endsWith('.credentials.ts'))) {
		const cls = f.replace('.credentials.ts', '');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const mod = require(join(ROOT, 'credentials', f)) as Record<string, new () => ICredentialType>;
		if (mod[cls]) {
			const c = new mod[cls]();
			out.set(c.name, c);
		}
	}
	return out;
}

const isExpression = (v: unknown) => typeof v === 'string' && v.startsWith('=');

function shown(p: INodeProperties, params: Record<string, unknown>, siblings: INodeProperties[]): boolean {
	const show = p.displayOptions?.show;
	if (!show) return true;
	return Object.entries(show).every(([key, allowed]) => {
		if (key.startsWith('@') || key.startsWith('/')) return true;
		const value = key in params ? params[key] : siblings.find((s) => s.name === key)?.default;
		return isExpression(value) || (allowed as unknown[]).includes(value);
	});
}

function optionValues(candidates: INodeProperties[]): unknown[] {
	return candidates.flatMap((c) => (c.options ?? []).map((o) => (o as { value?: unknown }).value));
}

/**
 * Problems with `params` against `properties` (an empty list when they fit): unknown or hidden names,
 * option values the node does not offer, unknown collection keys.
 */
export function parameterProblems(params: Record<string, unknown>, properties: INodeProperties[], path = ''): string[] {
	const problems: string[] = [];
	for (const [key, value] of Object.entries(params)) {
		const at = `${path}${key}`;
		const candidates = properties.filter((p) => p.name === key);
		if (!candidates.length) {
			problems.push(`${at}: no such parameter`);
			continue;
		}
		const visible = candidates.filter((p) => shown(p, params, properties));
		if (!visible.length) {
			problems.push(`${at}: hidden by its displayOptions`);
			continue;
		}
		if (isExpression(value)) continue;
		const type = visible[0].type;
		// Options loaded from the CRMs (loadOptionsMethod) are only known to a running node: not checked here.
		if (type === 'options' && !visible[0].typeOptions?.loadOptionsMethod && !optionValues(visible).includes(value)) {
			problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(optionValues(visible))}`);
		} else if (type === 'multiOptions') {
			for (const v of Array.isArray(value) ? value : [value]) {
				if (!optionValues(visible).includes(v)) problems.push(`${at}: ${JSON.stringify(v)} is not an option`);
			}
		} else if (type === 'collection' && value && typeof value === 'object') {
			const inner = visible.flatMap((c) => (c.options ?? []) as INodeProperties[]);
			problems.push(...parameterProblems(value as Record<string, unknown>, inner, `${at}.`));
		} else if (type === 'fixedCollection' && value && typeof value === 'object') {
			const groups = visible.flatMap((c) => (c.options ?? []) as Array<{ name: string; values: INodeProperties[] }>);
			for (const [group, rows] of Object.entries(value as Record<string, unknown>)) {
				const g = groups.find((x) => x.name === group);
				if (!g) {
					problems.push(`${at}.${group}: no such group`);
					continue;
				}
				for (const row of Array.isArray(rows) ? rows : [rows]) {
					problems.push(...parameterProblems(row as Record<string, unknown>, g.values, `${at}.${group}.`));
				}
			}
		}
	}
	return problems;
}

/** Credential types a node requires for the given parameters (per its credentials[].displayOptions). */
export function requiredCredentials(description: INodeTypeDescription, params: Record<string, unknown>): string[] {
	return (description.credentials ?? [])
		.filter((c) => c.required)
		.filter((c) => {
			const show = c.displayOptions?.show;
			if (!show) return true;
			return Object.entries(show).every(([key, allowed]) => {
				const value = key in params ? params[key] : description.properties.find((p) => p.name === key)?.default;
				return (allowed as unknown[]).includes(value);
			});
		})
		.map((c) => c.name);
}

export function walkStrings(value: unknown, visit: (s: string, path: string) => void, path = ''): void {
	if (typeof value === 'string') visit(value, path);
	else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, visit, `${path}[${i}]`));
	else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) walkStrings(v, visit, path ? `${path}.${k}` : k);
	}
}

export const isTrigger = (type: string) => /trigger$/i.test(type);
export const isSticky = (type: string) => type === 'n8n-nodes-base.stickyNote';
