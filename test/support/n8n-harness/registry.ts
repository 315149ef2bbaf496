/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// Node and credential types for the harness: the package's own, loaded lazily from package.json#n8n (dist paths
// mapped back to the TypeScript sources), n8n's base OAuth types, and pass-through helper nodes.
import { readFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { NodeConnectionTypes } from 'n8n-workflow';
import type { ICredentialType, IExecuteFunctions, INodeType, IVersionedNodeType } from 'n8n-workflow';

const ROOT = join(__dirname, '..', '..', '..');
export const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

export const PACKAGE_NAME = pkg.name;
export const WEBHOOK_BASE_URL = 'http://localhost:5678/webhook';

export type AnyNodeType = INodeType | IVersionedNodeType;
export type Loader<T> = () => T;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const srcOf = (distPath: string) => join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));

function loadClass<T>(file: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const mod = require(file) as Record<string, new () => T>;
	const className = basename(file).split('.')[0];
	const Ctor = mod[className] ?? Object.values(mod).find((v) => typeof v === 'function');
	if (!Ctor) throw new Error(`No class ${className} exported by ${file}`);
	return new Ctor();
}

/**
 * name -> lazy loader for the classes package.json#n8n lists (nodes: description.name; credentials: the credential
 * name), both the class name with a lower-case first letter.
 */
export function packageLoaders<T>(distPaths: string[]): Record<string, Loader<T>> {
	const out: Record<string, Loader<T>> = {};
	for (const p of distPaths) {
		const name = lowerFirst(basename(p).split('.')[0]);
		out[name] = () => loadClass<T>(srcOf(p));
	}
	return out;
}


/** Minimal stand-ins for n8n-nodes-base types a test workflow may need around the node under test. */
export function passThroughNode(name: string): INodeType {
	return {
		description: {
			displayName: name,
			name,
			group: ['transform'],
			version: 1,
			description: 'test helper',
			defaults: { name },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			return [this.getInputData()];
		},
	};
}

export class Registry<T> {
	private cache = new Map<string, T>();
	constructor(private loaders: Record<string, Loader<T>>) {}
	has(name: string) {
		return this.cache.has(name) || name in this.loaders;
	}
	get(name: string): T {
		let v = this.cache.get(name);
		if (v === undefined) {
			const load = this.loaders[name];
			if (!load) throw new Error(`Unknown type "${name}"`);
			v = load();
			this.cache.set(name, v);
		}
		return v;
	}
	names() {
		return Object.keys(this.loaders);
	}
}

// n8n's base OAuth types, only for getParentTypes/properties: the OAuth code path keys off the names.
export const BASE_CREDENTIALS: Record<string, ICredentialType> = {
	oAuth2Api: { name: 'oAuth2Api', displayName: 'OAuth2 API', properties: [] },
	oAuth1Api: { name: 'oAuth1Api', displayName: 'OAuth1 API', properties: [] },
};
