// Transitional alias: the stack moved to scripts/temporal/localStack.ts (benchmarks use it too).
export { LocalStack as TemporalTestEnv, REINFER_TOKEN, REPO } from '../../scripts/temporal/localStack';
