// The /v1 REST contract: request and response types of every route (see README.md here).
export type * from './accounts';
export type * from './catalog';
export type * from './certificates';
export type * from './errors';
export type * from './payments';
export type * from './progress';
export type * from './wallet';
export type * from './worlds';
export type * from './studio';
export type * from './reading';
export type * from './campaigns';
