import { ValidationError } from '../../clients/core';
import { recordingTransport, type BadInputCase } from './corpus';
import { reinferCases } from './reinfer.cases';

/** Every platform's bad-input cases: each must be refused before any request, naming item and field. */
const cases: BadInputCase[] = [...reinferCases];

test.each(cases.map((c) => [`${c.platform}: ${c.name}`, c] as const))('%s', async (_title, c) => {
	const { transport, requests } = recordingTransport();
	const error = await c.call(transport).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(ValidationError);
	for (const mention of c.mentions) expect((error as Error).message).toContain(mention);
	expect(requests).toHaveLength(0);
});
