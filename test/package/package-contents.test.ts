/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
/**
 * What gets published: the npm tarball's file list (npm pack --dry-run), the codex file beside every node, and Docs
 * links that land on a README section that exists.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ts from 'typescript';
import type { ICredentialType, INodeType } from 'n8n-workflow';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const README_URL = `${pkg.homepage}#`;

/** dist/nodes/X/X.node.js -> the class exported by nodes/X/X.node.ts */
function load<T>(distPath: string): T {
	const source = join(root, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	const exported = jest.requireActual<Record<string, new () => T>>(source);
	const className = basename(source).split('.')[0];
	return new exported[className]();
}

/** GitHub's heading ids (github-slugger): lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function readmeAnchors(): Set<string> {
	const seen = new Map<string, number>();
	const anchors = new Set<string>();
	let fenced = false;
	for (const line of readFileSync(join(root, 'README.md'), 'utf8').split('\n')) {
		if (line.startsWith('```')) fenced = !fenced;
		const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*$/.exec(line);
		if (!heading) continue;
		const base = heading[1]
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/ /g, '-');
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		anchors.add(count === 0 ? base : `${base}-${count}`);
	}
	return anchors;
}

const nodes = (pkg.n8n.nodes as string[]).map((path) => ({ path, type: load<INodeType>(path) }));
const credentials = (pkg.n8n.credentials as string[]).map((path) => ({ path, type: load<ICredentialType>(path) }));
const codexPath = (distNodePath: string) => join(root, distNodePath.replace(/^dist\//, '').replace(/\.js$/, '.json'));

describe('npm tarball', () => {
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
	)[0] as { files: Array<{ path: string }> };
	const files = packed.files.map((f) => f.path);

	it('ships the licence, changelog, README and the templates with their README', () => {
		expect(files).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md', 'README.md', 'templates/README.md']));
		const templates = readFileSync(join(root, 'templates', 'README.md'), 'utf8').match(/`[a-z0-9-]+\.json`/g) ?? [];
		expect(templates.length).toBeGreaterThan(0);
		for (const name of new Set(templates)) expect(files).toContain(`templates/${name.slice(1, -1)}`);
	});

	it('ships nothing of the tests, sandbox, scripts or TypeScript sources', () => {
		const stray = files.filter((f) => /^(test|sandbox|scripts|bench|docs|nodes|credentials|lib|\.github|\.ci)\//.test(f));
		expect(stray).toEqual([]);
	});

	it('has an MIT licence under the contributors', () => {
		expect(pkg.license).toBe('MIT');
		const licence = readFileSync(join(root, 'LICENSE'), 'utf8');
		expect(licence).toMatch(/^MIT License/);
		expect(licence).toContain('Copyright (c) 2026 n8n-nodes-hubspot-zoho-sync contributors');
	});
});

describe('codex files', () => {
	const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, {
		...ts.sys,
		onUnRecoverableConfigFileDiagnostic: (d) => {
			throw new Error(String(d.messageText));
		},
	});

	it.each(nodes.map((n) => [n.type.description.name, n.path]))('%s has a codex file that the build emits', (name, path) => {
		const file = codexPath(path);
		expect(existsSync(file)).toBe(true);
		// tsc copies the JSON files its program includes (resolveJsonModule + include) into dist beside the node.
		expect(config?.options.resolveJsonModule).toBe(true);
		expect(config?.fileNames).toContain(file);
		const codex = JSON.parse(readFileSync(file, 'utf8'));
		expect(codex.node).toBe(`${pkg.name}.${name}`);
		expect(codex.categories.length).toBeGreaterThan(0);
		expect(codex.resources.primaryDocumentation[0].url).toMatch(/^https:\/\//);
		expect(codex.alias.length).toBeGreaterThan(0);
	});

	it('let the node panel find the package by the words users search for', () => {
		const aliases = nodes.flatMap((n) => JSON.parse(readFileSync(codexPath(n.path), 'utf8')).alias as string[]);
		for (const word of ['hubspot', 'zoho', 'crm', 'sync', 'contact', 'company', 'invoke', 'http', 'deluge']) {
			expect(aliases).toContain(word);
		}
	});
});

describe('Docs links', () => {
	const anchors = readmeAnchors();
	const links: Array<[string, string]> = [
		...nodes.map((n): [string, string] => [`node ${n.type.description.name}`, String(n.type.description.documentationUrl)]),
		...credentials.map((c): [string, string] => [`credential ${c.type.name}`, String(c.type.documentationUrl)]),
		...nodes.flatMap((n) => {
			const { resources } = JSON.parse(readFileSync(codexPath(n.path), 'utf8'));
			return [...resources.primaryDocumentation, ...(resources.credentialDocumentation ?? [])].map(
				(r: { url: string }): [string, string] => [`codex of ${n.type.description.name}`, r.url],
			);
		}),
	];

	it.each(links)('%s opens a README section that exists (%s)', (_what, url) => {
		expect(url.startsWith(README_URL)).toBe(true);
		expect(anchors).toContain(url.slice(README_URL.length));
	});
});
