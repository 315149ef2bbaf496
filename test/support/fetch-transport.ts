// The fetch Transport lives in the toolkit (scripts/lib/fetch-transport.ts); tests import it from here.
export * from '../../scripts/lib/fetch-transport';
