import { ReinferClient, type NewComment } from '../../clients/reinfer';
import type { Transport } from '../../clients/core';
import { noSleep, type BadInputCase } from './corpus';

const client = (transport: Transport) => new ReinferClient({ baseUrl: 'http://reinfer.invalid', transport, sleep: noSleep });
const ok = (i: number): NewComment => ({ id: (0x10 + i).toString(16), timestamp: '2024-01-01T00:00:00Z', messages: [{ body: { text: `text ${i}` } }] });
const sync = (bad: Partial<NewComment>, at = 1) => (t: Transport) => client(t).syncComments('acme', 'inbox', [ok(0), { ...ok(at), ...bad } as NewComment, ok(2)]);

export const reinferCases: BadInputCase[] = [
	{ platform: 're:infer', name: 'non-hex comment id', call: sync({ id: 'TICKET-1' }), mentions: ['Item 1', 'field "id"', 'TICKET-1'] },
	{ platform: 're:infer', name: 'comment id too long', call: sync({ id: 'a'.repeat(257) }), mentions: ['Item 1', 'field "id"'] },
	{ platform: 're:infer', name: 'timestamp not ISO-8601', call: sync({ timestamp: '01/02/2024' }), mentions: ['Item 1', 'field "timestamp"', '01/02/2024'] },
	{ platform: 're:infer', name: 'no messages', call: sync({ messages: [] }), mentions: ['Item 1', 'field "messages"'] },
	{ platform: 're:infer', name: 'empty message text', call: sync({ messages: [{ body: { text: ' ' } }] }), mentions: ['Item 1', 'field "messages[0].body.text"'] },
	{ platform: 're:infer', name: 'number property with text', call: sync({ user_properties: { 'number:age': 'old' } }), mentions: ['Item 1', 'user_properties["number:age"]', 'must be a number'] },
	{ platform: 're:infer', name: 'string property with a number', call: sync({ user_properties: { 'string:city': 7 as never } }), mentions: ['Item 1', 'user_properties["string:city"]', 'must be a string'] },
	{ platform: 're:infer', name: 'property key without type', call: sync({ user_properties: { city: 'Paris' } }), mentions: ['Item 1', 'user_properties["city"]', 'invalid key'] },
	{
		platform: 're:infer',
		name: 'translated_from without language',
		call: sync({ messages: [{ body: { text: 'hello', translated_from: 'bonjour' } }] }),
		mentions: ['Item 1', 'field "messages[0].body.translated_from"', 'language'],
	},
	{ platform: 're:infer', name: 'fetch size 2000', call: (t) => client(t).fetchTrigger('acme', 'ds', 'tr', 2000), mentions: ['field "size"', '1 to 1024', '2000'] },
	{ platform: 're:infer', name: 'threshold above 1', call: (t) => client(t).predict('acme', 'ds', 1, [{ messages: [{ body: { text: 'x' } }] }], { threshold: 1.2 }), mentions: ['field "threshold"', '1.2'] },
	{ platform: 're:infer', name: 'malformed uid', call: (t) => client(t).predictComments('acme', 'ds', 1, ['aa.bb', 'no-dot'], {}), mentions: ['Item 1', 'field "uid"', 'no-dot'] },
	{ platform: 're:infer', name: 'owner with a slash', call: (t) => client(t).getSource('acme/x', 'inbox'), mentions: ['field "owner"', 'acme/x'] },
	{ platform: 're:infer', name: 'advance without sequence id', call: (t) => client(t).advanceTrigger('acme', 'ds', 'tr', ''), mentions: ['field "sequence_id"'] },
];
