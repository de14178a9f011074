import type { ValidationIssue } from '../../clients/core';
import { validateLoadBatch, validateProcessedRow, validateTaskBatchCreate } from '../../clients/apres/validation';
import { checkDocuments, checkEmail, checkOneOf, checkPaging, checkPassword, checkText, checkUrl } from '../../clients/deepopinion/validation';
import { checkTopicClause } from '../../clients/luminoso/topicSyntax';
import { validateClassifierInfo, validateMessage } from '../../clients/luminoso/validation';
import { validateFiletype, validateFormat, validateRequestId, validateRequired, validateUuid } from '../../clients/primer/validation';

/** A bad input checked by a platform's validation layer (what runs before any request). */
export interface IssueCase {
	platform: string;
	name: string;
	issues: () => ValidationIssue[];
	/** Substrings of the formatted issues, e.g. 'Item 2', 'field "files"'. */
	mentions: string[];
}

const S3 = { type: 's3', bucket_name: 'b', region: 'eu-west-1' };

export const validatorCases: IssueCase[] = [
	{ platform: 'Primer Automate', name: 'model id is not a UUID', issues: () => validateUuid('model_id', 'model-7', 3), mentions: ['Item 3', 'field "model_id"', 'model-7'] },
	{ platform: 'Primer Automate', name: 'dataset id is not a UUID', issues: () => validateUuid('dataset_id', '1234', 0), mentions: ['Item 0', 'field "dataset_id"'] },
	{ platform: 'Primer Automate', name: 'unknown upload file type', issues: () => validateFiletype('xml', 2), mentions: ['Item 2', 'field "filetype"', 'xml'] },
	{ platform: 'Primer Automate', name: 'unknown download format', issues: () => validateFormat('XLSX', 1), mentions: ['Item 1', 'field "format"', 'XLSX'] },
	{ platform: 'Primer Automate', name: 'request id not a number', issues: () => validateRequestId('abc', 4), mentions: ['Item 4', 'field "request_predictions_id"'] },
	{ platform: 'Apres', name: 'batch without files or location', issues: () => validateTaskBatchCreate({} as never, 5), mentions: ['Item 5', 'field "files"'] },
	{ platform: 'Apres', name: 'files and location together', issues: () => validateTaskBatchCreate({ files: [], location: S3 } as never, 1), mentions: ['Item 1', 'field "location"'] },
	{ platform: 'Apres', name: 'delivery timeframe 3', issues: () => validateTaskBatchCreate({ location: S3, delivery_timeframe: 3 } as never, 2), mentions: ['Item 2', 'field "delivery_timeframe"'] },
	{ platform: 'Apres', name: 'webhook url not a URL', issues: () => validateTaskBatchCreate({ location: S3, webhook_url: 'ftp:x' } as never, 0), mentions: ['Item 0', 'field "webhook_url"'] },
	{ platform: 'Apres', name: 'S3 location without bucket', issues: () => validateTaskBatchCreate({ location: { type: 's3', region: 'eu-west-1' } } as never, 6), mentions: ['Item 6', 'bucket_name'] },
	{ platform: 'Apres', name: 'processed row without output', issues: () => validateProcessedRow({ input: 'https://x/a.jpg' } as never, 7), mentions: ['Item 7', 'field "output"'] },
	{ platform: 'Apres', name: 'load batch data not base64', issues: () => validateLoadBatch({ file: 'a.csv', data: 'not base64!' } as never, 1), mentions: ['Item 1', 'field "data"'] },
	{ platform: 'Luminoso Compass', name: 'message without text', issues: () => validateMessage({ timestamp: '2024-01-01T00:00:00Z' } as never, 8), mentions: ['Item 8', 'field "text"'] },
	{ platform: 'Luminoso Compass', name: 'message without timestamp', issues: () => validateMessage({ text: 'hi' } as never, 9), mentions: ['Item 9', 'field "timestamp"'] },
	{ platform: 'Luminoso Compass', name: 'message info not an object', issues: () => validateMessage({ text: 'hi', timestamp: '2024-01-01T00:00:00Z', info: 'x' } as never, 2), mentions: ['Item 2', 'field "info"'] },
	{ platform: 'Luminoso Compass', name: 'topic threshold above 1', issues: () => validateClassifierInfo('topic_based' as never, { threshold: 2 }, 3), mentions: ['Item 3', 'threshold'] },
	{
		platform: 'Luminoso Compass',
		name: 'topic clause mixing operators without parentheses',
		issues: () => [{ itemIndex: 4, field: 'clause', problem: checkTopicClause('ale OR beer AND NOT porter') ?? '' }],
		mentions: ['Item 4', 'field "clause"', 'parenthes'],
	},
	{ platform: 'Luminoso Compass', name: 'topic clause with punctuation', issues: () => [{ itemIndex: 1, field: 'clause', problem: checkTopicClause('ale, beer') ?? '' }], mentions: ['Item 1', 'field "clause"', ','] },
	{ platform: 'DeepOpinion', name: 'invalid email', issues: () => checkEmail('email', 'not-an-email', 2), mentions: ['Item 2', 'field "email"'] },
	{ platform: 'DeepOpinion', name: 'webhook url not http(s)', issues: () => checkUrl('webhook_url', 'file:///etc/passwd', 5), mentions: ['Item 5', 'field "webhook_url"'] },
	{ platform: 'DeepOpinion', name: 'HITL name too long', issues: () => checkText('name', 'x'.repeat(121), 0, 120), mentions: ['Item 0', 'field "name"', 'at most 120'] },
	{ platform: 'DeepOpinion', name: 'unknown project type', issues: () => checkOneOf('type', 'SENTIMENT', ['ABSA', 'CLASS', 'LABEL', 'CLASSLABEL'], 1), mentions: ['Item 1', 'field "type"', 'SENTIMENT'] },
	{ platform: 'DeepOpinion', name: 'page size above the maximum', issues: () => checkPaging(0, 5000), mentions: ['field "limit"', '5000'] },
	{ platform: 'DeepOpinion', name: 'password too short', issues: () => checkPassword('password', 'abc', 3), mentions: ['Item 3', 'field "password"'] },
	{ platform: 'Primer Automate', name: 'missing display name', issues: () => validateRequired('dataset_meta_display_name', '  ', 2), mentions: ['Item 2', 'field "dataset_meta_display_name"'] },
	{ platform: 'DeepOpinion', name: 'documents not a list', issues: () => checkDocuments('text', 'documents', [3]), mentions: ['field "documents"'] },
];
