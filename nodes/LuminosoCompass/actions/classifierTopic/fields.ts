import type { INodeProperties } from 'n8n-workflow';

export const CLAUSE_HELP = 'Words or phrases joined by AND, OR, NOT (upper case), e.g. card AND (debit OR credit). Use parentheses whenever the operator changes; no punctuation, not even quotation marks.';

export const topicIdField: INodeProperties = {
	displayName: 'Topic ID',
	name: 'topicId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '42',
	description: 'The number at the end of the topic\'s URL (a classifier\'s topics are listed on the classifier)',
};
