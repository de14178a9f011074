import type { ValidationIssue } from '../../clients/core';
import { randomUUID } from 'node:crypto';
import { open, readFile, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { readRowChunks, type FileSpec } from '../files';
import type { FilePosition } from '../shared/orderedProgress';
import { csvHeader, documentRecord, mapRow, type PrimerColumns } from './documents';

/**
 * Upload parts: the file's valid rows as CSV bodies of at most `partRows` documents or
 * `partBytes` bytes. The job cuts them in its check step, which reads the file anyway, and keeps
 * them in a spool file next to the results file, so the upload sends bytes instead of parsing
 * the file a second time. Without the spool (another machine runs the upload, or the spool is
 * gone) the upload cuts the same parts from the file itself: the cut depends only on the file and
 * the two limits, so a part's end position means the same in both cases and a checkpoint taken in
 * one mode resumes in the other.
 */

export interface PartLimits {
	partRows: number;
	partBytes: number;
}

export const DEFAULT_PART_LIMITS: PartLimits = { partRows: 10_000, partBytes: 8 * 1024 * 1024 };

export function partLimits(options: { partRows?: number; partBytes?: number }): PartLimits {
	return { partRows: Math.max(1, options.partRows ?? DEFAULT_PART_LIMITS.partRows), partBytes: Math.max(1024, options.partBytes ?? DEFAULT_PART_LIMITS.partBytes) };
}

export interface Part {
	/** The CSV body (header included); empty for the tail of skipped rows after the last document. */
	body: Buffer;
	documents: number;
	/** Invalid rows passed over since the previous part. */
	skipped: number;
	/** Where the file read resumes after this part. */
	end: FilePosition;
}

export interface FilePartsOptions extends PartLimits {
	file: FileSpec;
	columns: PrimerColumns;
	start?: FilePosition;
	signal?: AbortSignal;
	/** Every row read, before it is mapped (the check inspects the header and heartbeats here). */
	onRow?: (values: Record<string, unknown>, row: number) => void;
	/** A row that cannot be a document. */
	onInvalid?: (row: number, issues: ValidationIssue[]) => void | Promise<void>;
}

/** Reads the file from `start` and yields its parts; the last one may hold no documents. */
export async function* fileParts(options: FilePartsOptions): AsyncGenerator<Part> {
	const header = csvHeader(options.columns);
	let records: string[] = [];
	let size = 0;
	let skipped = 0;
	let end: FilePosition = options.start ?? { row: 0 };
	const take = (): Part => {
		const part = { body: records.length ? Buffer.from(header + records.join(''), 'utf8') : Buffer.alloc(0), documents: records.length, skipped, end };
		records = [];
		size = 0;
		skipped = 0;
		return part;
	};
	// Rows come in chunks: one await per few thousand rows, not several per row.
	for await (const chunk of readRowChunks(options.file, { startRow: end.row, startOffset: end.offset, signal: options.signal })) {
		for (const { row, values, offset } of chunk) {
			options.onRow?.(values, row);
			end = { row: row + 1, offset };
			const mapped = mapRow(values, options.columns, row);
			if (mapped.issues) {
				skipped++;
				await options.onInvalid?.(row, mapped.issues);
				continue;
			}
			const record = documentRecord(mapped.document, options.columns);
			records.push(record);
			size += record.length;
			if (records.length >= options.partRows || size >= options.partBytes) yield take();
		}
	}
	if (records.length || skipped) yield take();
}

/** Where a part sits in the spool file. */
interface SpooledPart extends Omit<Part, 'body'> {
	offset: number;
	bytes: number;
}

interface SpoolManifest extends PartLimits {
	/** Names one check attempt's spool: the upload uses the spool only when it names the same. */
	id: string;
	parts: SpooledPart[];
}

/** The spool the check step leaves for the upload: paths and identity only (small, in workflow history). */
export interface SpoolRef {
	path: string;
	id: string;
}

export function spoolPaths(outputPath: string): { data: string; manifest: string } {
	return { data: `${outputPath}.upload-parts.csv`, manifest: `${outputPath}.upload-parts.json` };
}

/** Writes parts to the spool; `commit` makes them visible to the upload (the manifest last, renamed into place). */
export class SpoolWriter {
	private readonly parts: SpooledPart[] = [];
	private offset = 0;
	private readonly id = randomUUID();

	private constructor(
		private readonly outputPath: string,
		private readonly limits: PartLimits,
		private readonly handle: FileHandle,
	) {}

	static async create(outputPath: string, limits: PartLimits): Promise<SpoolWriter> {
		await removeSpool(outputPath);
		return new SpoolWriter(outputPath, limits, await open(spoolPaths(outputPath).data, 'w'));
	}

	async write(part: Part): Promise<void> {
		if (part.body.length) await this.handle.write(part.body);
		this.parts.push({ documents: part.documents, skipped: part.skipped, end: part.end, offset: this.offset, bytes: part.body.length });
		this.offset += part.body.length;
	}

	async commit(): Promise<SpoolRef> {
		await this.handle.close();
		const { manifest } = spoolPaths(this.outputPath);
		const body: SpoolManifest = { id: this.id, ...this.limits, parts: this.parts };
		await writeFile(`${manifest}.tmp`, JSON.stringify(body));
		await rename(`${manifest}.tmp`, manifest);
		return { path: this.outputPath, id: this.id };
	}

	/** Drops the spool (the check failed: nothing will be uploaded). */
	async discard(): Promise<void> {
		await this.handle.close().catch(() => undefined);
		await removeSpool(this.outputPath);
	}
}

export async function removeSpool(outputPath: string): Promise<void> {
	const { data, manifest } = spoolPaths(outputPath);
	await Promise.all([rm(data, { force: true }), rm(manifest, { force: true }), rm(`${manifest}.tmp`, { force: true })]);
}

/**
 * The spooled parts from `start` on, or undefined when the spool cannot be used: missing,
 * written by another check attempt or job, or cut with other limits.
 */
export async function spooledParts(ref: SpoolRef | undefined, limits: PartLimits, start: FilePosition): Promise<AsyncGenerator<Part> | undefined> {
	if (!ref) return undefined;
	const paths = spoolPaths(ref.path);
	let manifest: SpoolManifest;
	let handle: FileHandle;
	try {
		manifest = JSON.parse(await readFile(paths.manifest, 'utf8')) as SpoolManifest;
		if (manifest.id !== ref.id || manifest.partRows !== limits.partRows || manifest.partBytes !== limits.partBytes) return undefined;
		handle = await open(paths.data, 'r');
	} catch {
		return undefined;
	}
	// Resume after the part that ends where the checkpoint is (parts end on the same rows in both modes).
	const first = start.row === 0 ? 0 : manifest.parts.findIndex((p) => p.end.row === start.row) + 1;
	if (first === 0 && start.row !== 0) {
		await handle.close();
		return undefined;
	}
	return (async function* () {
		try {
			for (const part of manifest.parts.slice(first)) {
				const body = Buffer.allocUnsafe(part.bytes);
				if (part.bytes) {
					const { bytesRead } = await handle.read(body, 0, part.bytes, part.offset);
					if (bytesRead !== part.bytes) throw new Error(`the upload spool ${paths.data} is shorter than its manifest says`);
				}
				yield { body, documents: part.documents, skipped: part.skipped, end: part.end };
			}
		} finally {
			await handle.close();
		}
	})();
}
