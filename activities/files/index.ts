/**
 * File input/output for bulk activities: stream rows out of CSV/JSON/JSONL/XLSX files by stable
 * row index (for resume), map rows to platform records, and write results with flat memory.
 */
export { formatCsvField, formatCsvRecord, escapeFormula } from './csvFormat';
export { sniffDelimiter } from './csvReader';
export { rowError } from './keys';
export { mapRowToComment, type CommentColumns, type CommentMapping, type MappedComment } from './mapping';
export { countRows, readRowChunks, readRows } from './readRows';
export { DEFAULT_READ_LIMITS, detectFormat, FileError, type FileErrorCode, type FileFormat, type FileRow, type FileSpec, type ReadLimits, type ReadOptions } from './types';
export { appendJsonl, openResultWriter, trimPartialLine, XLSX_MAX_CELL_CHARS, XLSX_MAX_ROWS, type ResultFormat, type ResultWriter, type ResultWriterOptions } from './writers';
