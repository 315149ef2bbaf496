export * from './types';
export * from './errors';
export * from './retry-after';
export * from './retry';
export * from './limiter';
export * from './rate-budget';
