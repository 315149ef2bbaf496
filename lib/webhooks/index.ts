export * from './safe-compare';
export * from './seen-set';
