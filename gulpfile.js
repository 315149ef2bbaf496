const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// tsc emits the code and the nodes' codex files (nodes/**/*.node.json, tsconfig include + resolveJsonModule);
// gulp copies the icons beside them. Each copy is its own task so gulp waits for both streams to finish.
function copyNodeIcons() {
	return src(path.resolve('nodes', '**', '*.{png,svg}'), { encoding: false }).pipe(dest(path.resolve('dist', 'nodes')));
}

function copyCredentialIcons() {
	return src(path.resolve('credentials', '**', '*.{png,svg}'), { encoding: false }).pipe(
		dest(path.resolve('dist', 'credentials')),
	);
}

task('build:icons', parallel(copyNodeIcons, copyCredentialIcons));
