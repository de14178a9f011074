export * from './client';
export * from './csv';
export * from './routes';
export * from './types';
export * from './validation';
