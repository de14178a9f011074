import type { ValidationIssue } from '../../clients/core';
import { validateComment, withHexId, type Message, type NewComment, type UserProperties } from '../../clients/reinfer';
import { isUnsafeKey, rowError } from './keys';

/** Which columns make up a re:infer comment. */
export interface CommentColumns {
	/** Column with the comment id (numbers become strings). */
	id: string;
	/** Column with the ISO-8601 timestamp (XLSX dates arrive as ISO strings already). */
	timestamp: string;
	/** Column with the message body text. */
	text: string;
	subject?: string;
	from?: string;
	/** Column with recipients, separated by `,` or `;`. */
	to?: string;
	/** `"string:Name"` / `"number:Name"` -> column. Empty cells are omitted; number cells given as text are converted. */
	userProperties?: Record<string, string>;
	/** Hex-encode ids that are not already re:infer ids, keeping the original (see `withHexId`). */
	hexEncodeIds?: boolean;
}

/** Columns to map, or `'comment'`: each row already is a re:infer comment object (JSON/JSONL). */
export type CommentMapping = CommentColumns | 'comment';

export type MappedComment = { comment: NewComment; issues?: undefined } | { comment?: undefined; issues: ValidationIssue[] };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Text of a scalar cell (trimmed unless `keepSpace`); other values pass through for validation to report. */
function text(value: unknown, keepSpace = false): unknown {
	if (typeof value === 'string') return keepSpace ? value : value.trim();
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
	return value;
}

/** A number from a cell: numbers pass, numeric text is converted, anything else passes through for validation to report. */
function number(value: unknown): unknown {
	if (typeof value === 'string' && NUMBER.test(value.trim())) return Number(value.trim());
	return value;
}

function userProperties(values: Record<string, unknown>, columns: Record<string, string>, issues: ValidationIssue[], row: number): UserProperties | undefined {
	const props: Record<string, unknown> = {};
	let any = false;
	for (const [key, column] of Object.entries(columns)) {
		if (isUnsafeKey(key)) {
			issues.push({ itemIndex: row, field: `user_properties["${key}"]`, problem: 'has an invalid key: keys are "string:<name>" or "number:<name>"' });
			continue;
		}
		const value = Object.hasOwn(values, column) ? values[column] : undefined;
		if (isEmpty(value)) continue;
		props[key] = key.startsWith('number:') ? number(value) : text(value);
		any = true;
	}
	return any ? (props as UserProperties) : undefined;
}

/** Adds `(column "X")` to issues about fields that came from a column, so users know what to fix. */
function nameColumns(issues: ValidationIssue[], mapping: CommentColumns): ValidationIssue[] {
	const columnOf: Record<string, string | undefined> = {
		id: mapping.id,
		timestamp: mapping.timestamp,
		'messages[0].body.text': mapping.text,
		'messages[0].subject.text': mapping.subject,
		'messages[0].to': mapping.to,
	};
	for (const [key, column] of Object.entries(mapping.userProperties ?? {})) columnOf[`user_properties["${key}"]`] = column;
	return issues.map((issue) => {
		const column = Object.hasOwn(columnOf, issue.field) ? columnOf[issue.field] : undefined;
		return column === undefined ? issue : { ...issue, problem: `${issue.problem} (column "${column}")` };
	});
}

/**
 * Turns one file row into a re:infer comment, or the reasons it cannot be one. Issues carry
 * `itemIndex: rowIndex` and the comment field (plus the source column); validation is the shared
 * `validateComment`. A row the reader could not parse (`{ __error }`) is reported as field `row`.
 */
export function mapRowToComment(values: Record<string, unknown>, mapping: CommentMapping, rowIndex: number): MappedComment {
	const parseError = rowError(values);
	if (parseError !== undefined) return { issues: [{ itemIndex: rowIndex, field: 'row', problem: parseError }] };

	if (mapping === 'comment') {
		const comment = { ...values } as unknown as NewComment;
		if (typeof values.id === 'number') comment.id = String(values.id);
		const issues = validateComment(comment, rowIndex);
		return issues.length ? { issues } : { comment };
	}

	const cell = (column: string | undefined): unknown => (column !== undefined && Object.hasOwn(values, column) ? values[column] : undefined);
	const issues: ValidationIssue[] = [];
	const message: Message = { body: { text: (isEmpty(cell(mapping.text)) ? '' : text(cell(mapping.text), true)) as string } };
	if (!isEmpty(cell(mapping.subject))) message.subject = { text: text(cell(mapping.subject), true) as string };
	if (!isEmpty(cell(mapping.from))) message.from = text(cell(mapping.from)) as string;
	if (!isEmpty(cell(mapping.to))) {
		const to = text(cell(mapping.to));
		message.to = (typeof to === 'string' ? to.split(/[,;]/).map((s) => s.trim()).filter(Boolean) : to) as string[];
	}
	let comment: NewComment = {
		id: (isEmpty(cell(mapping.id)) ? undefined : text(cell(mapping.id))) as string,
		timestamp: (isEmpty(cell(mapping.timestamp)) ? undefined : text(cell(mapping.timestamp))) as string,
		messages: [message],
	};
	const props = userProperties(values, mapping.userProperties ?? {}, issues, rowIndex);
	if (props) comment.user_properties = props;
	if (mapping.hexEncodeIds) comment = withHexId(comment);
	issues.push(...validateComment(comment, rowIndex));
	return issues.length ? { issues: nameColumns(issues, mapping) } : { comment };
}
