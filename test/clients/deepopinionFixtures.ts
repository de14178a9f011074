import * as XLSX from '@e965/xlsx';
import { axiosTransport, timerSleep } from '../../activities/shared/axiosTransport';
import { DeepOpinionClient, deepOpinionAuth, type UploadFile } from '../../clients/deepopinion';

export const EMAIL = 'dev@deepopinion.test';
export const PASSWORD = 'dev-password';

/** A client logging in with email/password, as activities do. */
export function loginClient(baseUrl: string, login: { email: string; password: string } | { token: string } = { email: EMAIL, password: PASSWORD }, retry = { baseDelayMs: 5, maxDelayMs: 20 }): DeepOpinionClient {
	const transport = axiosTransport();
	return new DeepOpinionClient({ baseUrl, transport, sleep: timerSleep, retry, auth: deepOpinionAuth({ baseUrl, transport, sleep: timerSleep, retry, login }) });
}

const text = (s: string) => new TextEncoder().encode(s);

/** A fixture file held in memory (an UploadFile may also stream from a ByteSource). */
export type BytesFile = UploadFile & { data: Uint8Array };

/** Small valid files of every accepted upload format. */
export const DATA_FILES: Record<string, () => BytesFile> = {
	csv: () => ({ fileName: 'reviews.csv', data: text('id,review,source\n1,The staff was friendly. The room was dirty.,a\n2,"Breakfast was great, really!",b\n3,The location near the beach is perfect.,a\n') }),
	txt: () => ({ fileName: 'reviews.txt', data: text('The staff was friendly.\nThe room was dirty.\n\nBreakfast was great!\n') }),
	json: () => ({ fileName: 'reviews.json', data: text(JSON.stringify([{ id: 1, review: 'The staff was friendly.' }, { id: 2, review: 'The room was dirty.' }])) }),
	jsonl: () => ({ fileName: 'reviews.jsonl', data: text('{"id":1,"review":"The staff was friendly."}\n{"id":2,"review":"The room was dirty."}\n') }),
	xlsx: () => ({ fileName: 'reviews.xlsx', data: xlsxOf([['id', 'review'], [1, 'The staff was friendly.'], [2, 'The room was dirty. Noisy too!']]) }),
};

export function xlsxOf(rows: unknown[][]): Uint8Array {
	const book = XLSX.utils.book_new();
	XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
	return new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

/** A one-page PDF whose text the emulator's extraction reads (`Label: value` lines). */
export function pdfOf(lines: string[]): Uint8Array {
	const content = lines.map((l, i) => `BT /F1 12 Tf 72 ${720 - i * 20} Td (${l.replace(/[()\\]/g, '\\$&')}) Tj ET`).join('\n');
	return text(`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n4 0 obj << /Length ${content.length} >> stream\n${content}\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));

/** Small valid documents of every extraction format. */
export const EXTRACTION_FILES: Record<string, () => BytesFile> = {
	pdf: () => ({ fileName: 'invoice.pdf', data: pdfOf(['First name: John', 'Last name: Doe', 'Invoice number: INV-42', 'Total: 99.50']) }),
	jpeg: () => ({ fileName: 'scan.jpeg', data: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]) }),
	jpg: () => ({ fileName: 'scan.jpg', data: Uint8Array.from([0xff, 0xd8, 0xff, 0xdb, 0, 4, 0, 0, 0xff, 0xd9]) }),
	png: () => ({ fileName: 'scan.png', data: PNG }),
	tiff: () => ({ fileName: 'scan.tiff', data: Uint8Array.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 0, 0]) }),
	tif: () => ({ fileName: 'scan.tif', data: Uint8Array.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 0]) }),
	webp: () => ({ fileName: 'scan.webp', data: Uint8Array.from([...text('RIFF'), 26, 0, 0, 0, ...text('WEBPVP8L'), 13, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0]) }),
};
