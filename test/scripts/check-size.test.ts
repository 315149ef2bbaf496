/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkSource } = require('../../scripts/check-size.js');

const body = (n: number) => Array.from({ length: n }, (_, i) => `\tconst v${i} = ${i};`).join('\n');

describe('check-size: the size limits of shipped code', () => {
	it('names a function over 60 lines, whatever its form', () => {
		for (const [source, name] of [
			[`export function big() {\n${body(59)}\n}\n`, 'big'],
			[`export const arrow = () => {\n${body(59)}\n};\n`, 'arrow'],
			[`class A {\n\tmethod() {\n${body(59)}\n\t}\n}\n`, 'method'],
			[`export function outer() {\n\treturn {\n\t\tinner() {\n${body(70)}\n\t\t},\n\t};\n}\n`, 'inner'],
		]) {
			const problems = checkSource('lib/x.ts', source);
			expect(problems.map((p: { message: string }) => p.message)).toContainEqual(expect.stringMatching(new RegExp(`^function ${name} has \\d+ lines \\(at most 60\\)$`)));
		}
	});

	it('passes a 60-line function and a long description table (an object literal, not a function)', () => {
		expect(checkSource('lib/x.ts', `export function ok() {\n${body(58)}\n}\n`)).toEqual([]);
		const table = `export const description = {\n\tproperties: [\n${Array.from({ length: 150 }, (_, i) => `\t\t{ name: 'p${i}' },`).join('\n')}\n\t],\n};\n`;
		expect(checkSource('nodes/x/description.ts', table)).toEqual([]);
	});

	it('names a file over 200 lines', () => {
		const source = Array.from({ length: 201 }, (_, i) => `export const c${i} = ${i};`).join('\n') + '\n';
		expect(checkSource('nodes/x.ts', source)).toEqual([{ file: 'nodes/x.ts', line: 1, message: '201 lines (at most 200 per file)' }]);
		expect(checkSource('nodes/x.ts', source.split('\n').slice(1).join('\n'))).toEqual([]);
	});
});
