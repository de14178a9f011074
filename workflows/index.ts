// Every workflow the worker registers. Workflow code is deterministic: it imports activity types
// only and reaches the outside world through activities.
export { reinferBulkPredict } from './reinfer/bulkPredict';
export { reinferBulkSync } from './reinfer/bulkSync';
export { reinferStreamConsumer } from './reinfer/streamConsumer';
export { luminosoBuildClassifier } from './luminoso/buildClassifier';
export { luminosoBulkClassify } from './luminoso/bulkClassify';
export { primerBulkPredictions } from './primer/bulkPredictions';
export { primerDeployAndWait } from './primer/deployAndWait';
export { apresTaskBatch } from './apres/taskBatch';
export { deepopinionBatchAnalysis } from './deepopinion/batchAnalysis';
export { deepopinionHitlDocument } from './deepopinion/hitlDocument';
export { deepopinionTraining } from './deepopinion/training';
