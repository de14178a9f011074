import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';

/**
 * Search attributes that let the Temporal UI and `temporal workflow list` find jobs by platform,
 * kind and state, e.g. `TextaiPlatform = "reinfer" AND TextaiJobState = "running"`. The starter
 * sets platform and kind; workflows keep the state current. They are registered by the dev
 * server setup (and must be registered once on other clusters: see the README).
 */
export const TEXTAI_PLATFORM = defineSearchAttributeKey('TextaiPlatform', SearchAttributeType.KEYWORD);
export const TEXTAI_JOB_KIND = defineSearchAttributeKey('TextaiJobKind', SearchAttributeType.KEYWORD);
export const TEXTAI_JOB_STATE = defineSearchAttributeKey('TextaiJobState', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTE_TYPES = { TextaiPlatform: 'Keyword', TextaiJobKind: 'Keyword', TextaiJobState: 'Keyword' } as const;

export type JobState = 'running' | 'waiting' | 'paused' | 'completed' | 'failed' | 'stopped';

/** Records the job state, when the starter registered the job's search attributes. */
export function setJobState(state: JobState): void {
	if (workflowInfo().typedSearchAttributes.get(TEXTAI_JOB_KIND) === undefined) return;
	upsertSearchAttributes([{ key: TEXTAI_JOB_STATE, value: state }]);
}
