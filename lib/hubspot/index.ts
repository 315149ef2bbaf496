export * from './types';
export * from './fields';
export * from './errors';
export { HubspotClient } from './client';
export type { BatchItemOutcome, BatchWriteResult } from './objects';
export { toWireProperties } from './objects';
export type { AssociationResult } from './associations';
export type { CallOptions, HubspotRequester } from './request';
export type { HubspotProperty } from './properties';
