export * from './auth';
export * from './client';
export * from './routes';
export * from './topicSyntax';
export * from './types';
export * from './validation';
