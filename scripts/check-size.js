'use strict';
// `npm run lint` runs this too: the size limits of house-style for shipped code, as an executable check. Every file in
// nodes/, lib/ and credentials/ has at most 200 lines, every function at most 60 (n8n description tables are object
// literals, not functions, so they are not counted as functions).
//
// Usage: node scripts/check-size.js          checks the tree, exit 1 naming each file or function over its limit
//        checkSource(file, source)          the same on one source (test/scripts/check-size.test.ts)
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const { sourceFiles } = require('./lib/toolkit');

const ROOT = path.resolve(__dirname, '..');
const DIRS = ['nodes', 'lib', 'credentials'];
const MAX_FILE_LINES = 200;
const MAX_FUNCTION_LINES = 60;

const isFunction = (node) =>
	ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) ||
	ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node);

function nameOf(node) {
	if (node.name && ts.isIdentifier(node.name)) return node.name.text;
	const parent = node.parent;
	if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
	if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
	return '(anonymous)';
}

/** Problems in one source: [{ file, line, message }]. */
function checkSource(file, source) {
	const problems = [];
	const lines = source.split('\n').length - (source.endsWith('\n') ? 1 : 0);
	if (lines > MAX_FILE_LINES) problems.push({ file, line: 1, message: `${lines} lines (at most ${MAX_FILE_LINES} per file)` });
	const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
	const visit = (node) => {
		if (isFunction(node) && node.body) {
			const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
			const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
			const n = end - start + 1;
			if (n > MAX_FUNCTION_LINES) problems.push({ file, line: start + 1, message: `function ${nameOf(node)} has ${n} lines (at most ${MAX_FUNCTION_LINES})` });
		}
		ts.forEachChild(node, visit);
	};
	visit(sf);
	return problems;
}

function main() {
	const problems = DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d)).filter((f) => f.endsWith('.ts'))).flatMap((f) => checkSource(path.relative(ROOT, f), fs.readFileSync(f, 'utf8')));
	for (const p of problems) console.error(`${p.file}:${p.line}: ${p.message}`);
	if (problems.length) {
		console.error(`check-size: ${problems.length} problem(s)`);
		process.exit(1);
	}
	console.log('check-size: every shipped file <= 200 lines, every function <= 60 lines');
}

if (require.main === module) main();
module.exports = { checkSource, MAX_FILE_LINES, MAX_FUNCTION_LINES };
