import type { INodeProperties } from 'n8n-workflow';
import { CONFIG_KEYS } from '../../../../clients/luminoso';

const words = (key: string) => key.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');

export const keyField: INodeProperties = {
	displayName: 'Key',
	name: 'key',
	type: 'options',
	options: [...CONFIG_KEYS].sort().map((key) => ({ name: words(key), value: key })),
	default: 'sentiment_threshold',
	description: 'The configuration setting',
};
