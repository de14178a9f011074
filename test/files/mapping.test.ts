import * as XLSX from '@e965/xlsx';
import { writeFileSync } from 'node:fs';
import { formatIssue } from '../../clients/core';
import { ORIGINAL_ID_PROPERTY, toHexId } from '../../clients/reinfer';
import { mapRowToComment, type CommentColumns } from '../../activities/files';
import { collect, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const columns: CommentColumns = {
	id: 'Ticket',
	timestamp: 'Created',
	text: 'Body',
	subject: 'Subject',
	from: 'From',
	to: 'To',
	userProperties: { 'string:Channel': 'Channel', 'number:Score': 'Score' },
};

describe('mapRowToComment with columns', () => {
	test('a CSV row becomes a comment: numbers converted, recipients split, empty cells omitted', () => {
		const values = { Ticket: 'ab12', Created: '2024-05-01T10:00:00Z', Body: ' Hello \n', Subject: 'Re: order', From: 'a@x.com', To: 'b@x.com; c@x.com,', Channel: '', Score: ' 12.5 ' };
		expect(mapRowToComment(values, columns, 0)).toEqual({
			comment: {
				id: 'ab12',
				timestamp: '2024-05-01T10:00:00Z',
				messages: [{ body: { text: ' Hello \n' }, subject: { text: 'Re: order' }, from: 'a@x.com', to: ['b@x.com', 'c@x.com'] }],
				user_properties: { 'number:Score': 12.5 },
			},
		});
	});

	test('hexEncodeIds keeps the original id (shared withHexId); numeric ids become strings', () => {
		const result = mapRowToComment({ Ticket: 'TICKET-42', Created: '2024-05-01', Body: 'hi' }, { ...columns, hexEncodeIds: true }, 3);
		expect(result.comment?.id).toBe(toHexId('TICKET-42'));
		expect(result.comment?.user_properties).toEqual({ [ORIGINAL_ID_PROPERTY]: 'TICKET-42' });
		expect(mapRowToComment({ Ticket: 4711, Created: '2024-05-01', Body: 'hi' }, columns, 0).comment?.id).toBe('4711');
	});

	test('validation issues name the row, the field and the column', () => {
		const result = mapRowToComment({ Ticket: 'NOT HEX', Created: '01/05/2024', Body: '   ', Score: 'twelve', Channel: 7 }, columns, 17);
		expect(result.comment).toBeUndefined();
		const messages = result.issues!.map(formatIssue);
		expect(messages).toEqual([
			expect.stringMatching(/^Item 17: field "id" must be 1-256 lowercase hexadecimal .* got "NOT HEX".*\(column "Ticket"\)$/),
			'Item 17: field "timestamp" must be an ISO-8601 timestamp, got "01/05/2024" (column "Created")',
			'Item 17: field "messages[0].body.text" is required and must be non-empty text (column "Body")',
			'Item 17: field "user_properties["number:Score"]" must be a number (key type "number:"), got "twelve" (column "Score")',
		]);
		// The number 7 for a string property is converted, not reported.
	});

	test('a row the reader could not parse is reported as field "row"', () => {
		expect(mapRowToComment({ __error: 'invalid JSON: Unexpected token' }, columns, 5)).toEqual({
			issues: [{ itemIndex: 5, field: 'row', problem: 'invalid JSON: Unexpected token' }],
		});
	});

	test('invalid user property keys are reported, unsafe ones never assigned', () => {
		const result = mapRowToComment({ Ticket: 'ab', Created: '2024-05-01', Body: 'x', V: '1' }, { ...columns, userProperties: { Plain: 'V', __proto__: 'V' } as any }, 2);
		expect(result.issues?.map((i) => i.field)).toEqual(['user_properties["Plain"]']);
		const own = mapRowToComment({ Ticket: 'ab', Created: '2024-05-01', Body: 'x', V: '1' }, { ...columns, userProperties: JSON.parse('{"__proto__":"V"}') }, 2);
		expect(own.issues?.map((i) => i.field)).toEqual(['user_properties["__proto__"]']);
	});
});

describe('mapRowToComment with mapping "comment"', () => {
	test('JSON rows that are re:infer comments are validated as they are', () => {
		const comment = { id: 'ab01', timestamp: '2024-05-01T10:00:00Z', messages: [{ body: { text: 'hi' } }], user_properties: { 'number:Score': 3 } };
		expect(mapRowToComment(comment, 'comment', 0)).toEqual({ comment });
		expect(mapRowToComment({ ...comment, id: 1234 }, 'comment', 0).comment?.id).toBe('1234');
		const bad = mapRowToComment({ ...comment, messages: [], user_properties: { 'number:Score': '3' } }, 'comment', 9);
		expect(bad.issues?.map((i) => [i.itemIndex, i.field])).toEqual([
			[9, 'messages'],
			[9, 'user_properties["number:Score"]'],
		]);
	});
});

describe('rows from files', () => {
	test('XLSX dates become ISO timestamps and numeric ids strings', async () => {
		const path = tmp.path('comments.xlsx');
		const book = XLSX.utils.book_new();
		const rows = [
			['Ticket', 'Created', 'Body', 'Score'],
			[1234, new Date(Date.UTC(2024, 0, 31, 23, 59, 0)), 'Great service', 4],
		];
		XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { cellDates: true, UTC: true }), 'Sheet1');
		writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
		const [row] = await collect({ path });
		expect(mapRowToComment(row.values, columns, row.row)).toEqual({
			comment: { id: '1234', timestamp: '2024-01-31T23:59:00.000Z', messages: [{ body: { text: 'Great service' } }], user_properties: { 'number:Score': 4 } },
		});
	});

	test('CSV rows: a bad number is reported with its row index', async () => {
		const path = tmp.path('comments.csv');
		writeFileSync(path, 'Ticket,Created,Body,Score\nab,2024-05-01,ok,1e3\ncd,2024-05-01,ok,n/a\n');
		const results = (await collect({ path })).map((r) => mapRowToComment(r.values, columns, r.row));
		expect(results[0].comment?.user_properties).toEqual({ 'number:Score': 1000 });
		expect(results[1].issues).toEqual([
			{ itemIndex: 1, field: 'user_properties["number:Score"]', problem: 'must be a number (key type "number:"), got "n/a" (column "Score")' },
		]);
	});
});
