import { formatIssue, ValidationError } from '../../clients/core';
import { recordingTransport, type BadInputCase } from './corpus';
import { reinferCases } from './reinfer.cases';
import { validatorCases } from './validators.cases';

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

/** Validation-layer cases of the other platforms: the issues name the item and field. */
test.each(validatorCases.map((c) => [`${c.platform}: ${c.name}`, c] as const))('%s', (_title, c) => {
	const issues = c.issues();
	expect(issues.length).toBeGreaterThan(0);
	const text = issues.map(formatIssue).join('\n');
	for (const mention of c.mentions) expect(text).toContain(mention);
});

test('the corpus holds at least 40 cases across the five platforms', () => {
	expect(cases.length + validatorCases.length).toBeGreaterThanOrEqual(40);
	expect(new Set([...cases, ...validatorCases].map((c) => c.platform)).size).toBe(5);
});
