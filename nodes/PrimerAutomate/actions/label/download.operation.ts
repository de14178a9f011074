import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { PrimerClient } from '../../../../clients/primer';
import { limitFor, returnAllOrLimit } from '../../../shared/router';
import { asData, locatorValue, modelLocator } from '../common';

const properties: INodeProperties[] = [modelLocator({ description: 'The model whose labelled documents to download' }), ...returnAllOrLimit(undefined)];

export const description = updateDisplayOptions({ show: { resource: ['label'], operation: ['download'] } }, properties);

/** Every labelled document of a model (`GET /labels:download`, JSONL): one item per document. */
export async function executeItem(this: IExecuteFunctions, i: number, client: PrimerClient): Promise<IDataObject[]> {
	const documents = await client.downloadLabels(locatorValue(this, 'model', i));
	const limit = limitFor(this, i);
	return (limit === undefined ? documents : documents.slice(0, limit)).map(asData);
}
