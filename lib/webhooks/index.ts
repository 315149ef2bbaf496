export * from './handover';
export * from './recent-keys';
export * from './safe-compare';
export * from './seen-set';
export * from './registration-backoff';
