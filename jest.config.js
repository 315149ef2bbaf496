/** Fast rings only: unit, client-vs-sandbox and in-process n8n tests. Real-n8n e2e runs via `npm run test:e2e`. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json', isolatedModules: true }],
	},
	setupFiles: ['<rootDir>/test/support/setup-env.js'],
	testTimeout: 30000,
};
