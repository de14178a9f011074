export * from './client';
export * from './routes';
export * from './types';
export * from './validation';
