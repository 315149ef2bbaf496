'use strict';
// A real n8n 2.41.1 (Node 24, from scripts/lib/runtime.js) for npm start, the e2e tests, the load test and the
// benchmarks, one file per job:
//   package.js     pack this package; install the tarball into a user folder the way n8n's installer does
//   instance.js    a user folder + environment, n8n's CLI (import, publish), start/stop the process by PID
//   rest.js        REST login and calls, activation, node/credential types, webhooks, trigger static data
//   executions.js  executions: list, count, wait, settle, output items, error text, manual runs
// Facts behind each step: docs/n8n-runtime-notes.md §8, §9, §11, §12.
module.exports = {
	...require('./package'),
	...require('./instance'),
	...require('./rest'),
	...require('./executions'),
};
