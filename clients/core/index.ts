export * from './errors';
export * from './http';
export * from './paging';
export * from './retry';
export * from './transport';
export * from './byteSource';
export * from './multipart';
