export * from './auth';
export * from './client';
export * from './csv';
export * from './documents';
export * from './routes';
export * from './types';
export * from './validation';
export * from './xlsx';
