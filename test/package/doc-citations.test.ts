/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
/**
 * Comments cite facts by a vendor URL or by a page of this repository's docs/ and a section number
 * (`docs/crm-api-notes.md §2.5`). Every cited page and section must exist in the repository.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const SOURCE_DIRS = ['lib', 'nodes', 'credentials', 'sandbox', 'scripts', 'test', 'bench', 'docs', 'templates'];

function files(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (name === 'node_modules' || name === 'screenshots') return [];
		return statSync(path).isDirectory() ? files(path) : /\.(ts|js|mjs|md|json|sh)$/.test(name) ? [path] : [];
	});
}

const sources = SOURCE_DIRS.flatMap((dir) => files(join(root, dir))).filter((f) => f !== __filename);

/** Section numbers of a docs page: headings that start with a number ("## 2. Zoho", "### 2.5 Search"). */
function sections(page: string): Set<string> {
	const found = new Set<string>();
	for (const line of readFileSync(page, 'utf8').split('\n')) {
		const m = /^#{2,6}\s+(\d+(?:\.\d+)*)\.?\s/.exec(line);
		if (m) found.add(m[1]);
	}
	return found;
}

describe('documentation citations', () => {
	it('cite no reference document that lives outside the repository', () => {
		const outside = sources
			.filter((f) => /crm-apis\.md|(?<![\w-])n8n-runtime\.md|shared\/reference\//.test(readFileSync(f, 'utf8')))
			.map((f) => relative(root, f));
		expect(outside).toEqual([]);
	});

	it('cite docs pages and sections that exist', () => {
		const missing: string[] = [];
		for (const file of sources) {
			const text = readFileSync(file, 'utf8');
			for (const m of text.matchAll(/docs\/([\w-]+\.md)((?:(?:,\s*| and |-)?\s*§\s?\d+(?:\.\d+)*)*)/g)) {
				const page = join(root, 'docs', m[1]);
				if (!existsSync(page)) {
					missing.push(`${relative(root, file)}: docs/${m[1]}`);
					continue;
				}
				const known = sections(page);
				for (const [, number] of m[2].matchAll(/(\d+(?:\.\d+)*)/g)) {
					if (!known.has(number)) missing.push(`${relative(root, file)}: docs/${m[1]} §${number}`);
				}
			}
		}
		expect(missing).toEqual([]);
	});
});
