import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { readRows, type FileRow, type FileSpec, type ReadOptions } from '../../activities/files';

/** A temporary directory, removed by the returned `cleanup`. */
export function tempDir(): { dir: string; path: (name: string) => string; cleanup: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'files-test-'));
	return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function collect(file: FileSpec, options?: ReadOptions): Promise<FileRow[]> {
	const rows: FileRow[] = [];
	for await (const row of readRows(file, options)) rows.push(row);
	return rows;
}

/** Resolves with the rejection of `promise` (fails the test if it resolves). */
export const failure = (promise: Promise<unknown>): Promise<any> =>
	promise.then(
		() => {
			throw new Error('expected a failure');
		},
		(e: unknown) => e,
	);

/**
 * A minimal zip archive (deflate), enough to hand-craft XLSX files. `declaredSize` overrides the
 * unpacked size written in the headers (0 is what streamed zips declare).
 */
export function zip(entries: Record<string, string | Buffer>, declaredSize?: number): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, content] of Object.entries(entries)) {
		const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
		const packed = deflateRawSync(data);
		const fileName = Buffer.from(name, 'utf8');
		const crc = crc32(data) >>> 0;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(8, 8); // deflate
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(packed.length, 18);
		local.writeUInt32LE(declaredSize ?? data.length, 22);
		local.writeUInt16LE(fileName.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(packed.length, 20);
		central.writeUInt32LE(declaredSize ?? data.length, 24);
		central.writeUInt16LE(fileName.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, fileName, packed);
		centrals.push(central, fileName);
		offset += local.length + fileName.length + packed.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(Object.keys(entries).length, 8);
	end.writeUInt16LE(Object.keys(entries).length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const column = (c: number): string => {
	let name = '';
	for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
};

/**
 * A hand-made XLSX: each sheet is rows of cells; a string cell is a shared string, a number a
 * number, `{ xml }` raw cell XML (inside `<c>`), `{ at, ... }` puts the cell at a column index.
 * `sharedStrings` adds raw `<si>` XML; `dimension` overrides the declared range.
 */
export type RawCell = string | number | { xml: string; at?: number; t?: string } | undefined;
export function craftXlsx(sheets: Array<{ name: string; rows: RawCell[][]; dimension?: string }>, extraSharedStrings: string[] = [], declaredSize?: number): Buffer {
	const strings: string[] = [];
	const sst = (s: string): number => strings.push(`<t xml:space="preserve">${escapeXml(s)}</t>`) - 1;
	const worksheets = sheets.map((sheet) => {
		const rows = sheet.rows
			.map((cells, r) => {
				const xml = cells
					.map((cell, i) => {
						if (cell === undefined) return '';
						const at = typeof cell === 'object' && cell.at !== undefined ? cell.at : i;
						const ref = `${column(at)}${r + 1}`;
						if (typeof cell === 'string') return `<c r="${ref}" t="s"><v>${sst(cell)}</v></c>`;
						if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
						return `<c r="${ref}"${cell.t ? ` t="${cell.t}"` : ''}>${cell.xml}</c>`;
					})
					.join('');
				return `<row r="${r + 1}">${xml}</row>`;
			})
			.join('');
		const dimension = sheet.dimension ? `<dimension ref="${sheet.dimension}"/>` : '';
		return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${dimension}<sheetData>${rows}</sheetData></worksheet>`;
	});
	const allStrings = [...strings.map((t) => `<si>${t}</si>`), ...extraSharedStrings];
	const ns = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
	const entries: Record<string, string> = {
		'[Content_Types].xml':
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
			'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
			'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
			sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
			'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
		'_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		'xl/workbook.xml':
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${ns}"><sheets>` +
			sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
			'</sheets></workbook>',
		'xl/_rels/workbook.xml.rels':
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
			sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${ns}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
			`<Relationship Id="rId${sheets.length + 1}" Type="${ns}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${allStrings.length}" uniqueCount="${allStrings.length}">${allStrings.join('')}</sst>`,
	};
	worksheets.forEach((xml, i) => (entries[`xl/worksheets/sheet${i + 1}.xml`] = xml));
	return zip(entries, declaredSize);
}
