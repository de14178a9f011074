import * as XLSX from '@e965/xlsx';
import { readFile, stat } from 'node:fs/promises';
import { headerKeys, isUnsafeKey, toRecord } from './keys';
import { checkAborted, FileError, type FileRow, type ReadLimits } from './types';
import { checkZip } from './zipGuard';

const MB = 1024 * 1024;

/** A cell's typed value: string, number, boolean, a date as an ISO string, or null (empty/error). */
export function cellValue(cell: XLSX.CellObject | undefined): unknown {
	if (!cell) return null;
	switch (cell.t) {
		case 's':
		case 'n':
		case 'b':
			return cell.v ?? null;
		case 'd': {
			// SheetJS (>= 0.20) gives date cells as Dates whose UTC reading is the wall-clock value.
			const date = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
			return Number.isNaN(date.getTime()) ? null : date.toISOString();
		}
		default:
			return null; // 'e' (#N/A, #DIV/0!...) and 'z' (stub)
	}
}

type Cells = ReadonlyArray<XLSX.CellObject | undefined>;

/** Whether the first `width` cells are all empty (rows are sparse arrays that can be 16,384 long). */
function isBlank(cells: Cells | undefined, width: number): boolean {
	if (!cells) return true;
	for (let c = Math.min(cells.length, width) - 1; c >= 0; c--) {
		const value = cellValue(cells[c]);
		if (value !== null && value !== '') return false;
	}
	return true;
}

/**
 * Loads one sheet of an XLSX workbook (SheetJS; the whole file is parsed in memory, so it is
 * bounded by `limits`). Hostile-file guards: file size, declared uncompressed size (zip bomb),
 * zip magic (no other formats are parsed), row and column bounds, no formulas/styles/HTML parsed,
 * and unsafe sheet names refused.
 */
export async function loadSheet(path: string, sheet: string | undefined, limits: ReadLimits): Promise<Array<Cells | undefined>> {
	const { size } = await stat(path);
	if (size > limits.maxXlsxBytes) {
		throw new FileError(
			'FILE_TOO_LARGE',
			`${path} is ${(size / MB).toFixed(1)} MB; XLSX files are limited to ${Math.round(limits.maxXlsxBytes / MB)} MB because they are read whole into memory. Save the sheet as CSV (UTF-8) to load large data.`,
		);
	}
	if (sheet !== undefined && isUnsafeKey(sheet)) throw new FileError('UNSAFE_INPUT', `${path}: sheet name "${sheet}" is not supported; rename the sheet`);
	const buffer = await readFile(path);
	checkZip(buffer, path, limits.maxXlsxUncompressedBytes);
	let workbook: XLSX.WorkBook;
	try {
		workbook = XLSX.read(buffer, {
			type: 'buffer',
			dense: true,
			cellDates: true,
			cellFormula: false,
			cellHTML: false,
			cellNF: false,
			cellText: false,
			cellStyles: false,
			bookVBA: false,
			// Header + data rows + 1, to detect (not silently truncate) an over-long sheet.
			sheetRows: limits.maxXlsxRows + 2,
			sheets: sheet ?? 0,
		});
	} catch (error) {
		throw new FileError('PARSE_ERROR', `${path}: cannot read the workbook (${(error as Error).message})`);
	}
	const name = sheet ?? workbook.SheetNames[0];
	if (name === undefined || !workbook.SheetNames.includes(name)) {
		throw new FileError('SHEET_NOT_FOUND', `${path}: no sheet named "${name}"; the workbook has ${workbook.SheetNames.map((n) => `"${n}"`).join(', ') || 'no sheets'}`);
	}
	// SheetJS keeps sheets in a plain object: a sheet named "__proto__" would be that object's
	// prototype (local to the workbook, not global), so only own entries are trusted.
	if (isUnsafeKey(name) || !Object.hasOwn(workbook.Sheets, name)) throw new FileError('UNSAFE_INPUT', `${path}: sheet name "${name}" is not supported; rename the sheet`);
	const data = (workbook.Sheets[name] as XLSX.DenseSheet)['!data'] ?? [];
	if (data.length > limits.maxXlsxRows + 1) {
		throw new FileError('LIMIT_EXCEEDED', `${path}: sheet "${name}" has more than ${limits.maxXlsxRows} rows below the header; save it as CSV to load large data`);
	}
	return data;
}

/**
 * Reads an XLSX sheet: the first non-blank row is the header (keys via `headerKeys`), each later
 * non-blank row is a data row with typed cell values (see `cellValue`); cells beyond the header's
 * columns are ignored. Returns the number of rows.
 */
export async function* readXlsx(path: string, sheet: string | undefined, startRow: number, limits: ReadLimits, signal?: AbortSignal): AsyncGenerator<FileRow, number> {
	const data = await loadSheet(path, sheet, limits);
	let keys: Array<string | undefined> | undefined;
	let row = 0;
	for (let r = 0; r < data.length; r++) {
		checkAborted(signal);
		const cells = data[r];
		if (!keys) {
			if (!cells || isBlank(cells, limits.maxXlsxColumns + 1)) continue;
			if (cells.length > limits.maxXlsxColumns) {
				throw new FileError('LIMIT_EXCEEDED', `${path}: the header row has ${cells.length} columns; at most ${limits.maxXlsxColumns} are read`);
			}
			keys = headerKeys(Array.from({ length: cells.length }, (_, c) => cellValue(cells[c])));
			continue;
		}
		if (!cells || isBlank(cells, keys.length)) continue;
		if (row >= startRow) yield { row, values: toRecord(keys, Array.from({ length: keys.length }, (_, c) => cellValue(cells[c]))) };
		row++;
	}
	return row;
}
