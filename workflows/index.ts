// Every workflow the worker registers. Workflow code is deterministic: it imports activity types
// only and reaches the outside world through activities.
export { reinferBulkPredict } from './reinfer/bulkPredict';
export { reinferBulkSync } from './reinfer/bulkSync';
export { reinferStreamConsumer } from './reinfer/streamConsumer';
