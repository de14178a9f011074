import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';

/**
 * A deterministic corpus of short news stories for Primer Automate tests and benchmarks: the
 * same index always gives the same story, and each mentions topics the emulator's News topics
 * model recognises, so expected labels are known.
 */
const TOPICS = [
	{ label: 'Sports', lines: ['The team won the championship match with a late goal.', 'An Olympic swimming medal went to the home favourite.'] },
	{ label: 'Politics', lines: ['The minister called an early election after the senate vote.', 'Parliament debated the government budget late into the night.'] },
	{ label: 'Health', lines: ['Hospital doctors reported fewer virus cases this week.', 'The vaccine campaign reached rural health centres.'] },
	{ label: 'Business', lines: ['Bank shares rose after strong quarterly earnings.', 'The company reported record profit as the market rallied.'] },
];
const FILLER = [
	'Reporters on the ground described a calm but busy day in the city centre.',
	'Local residents said they had followed the story closely for several weeks.',
	'Analysts expect further updates once official figures are published on Monday.',
	'Weather conditions were mild, with light rain expected later in the evening.',
];

/** Story `i`; `filler` more sentences make it longer (about 75 characters each). */
export function story(i: number, filler = 2): { id: string; title: string; text: string; topic: string } {
	const topic = TOPICS[i % TOPICS.length];
	const padding = Array.from({ length: filler }, (_, k) => FILLER[(i + k) % FILLER.length]);
	const text = [topic.lines[i % 2], ...padding, `Story number ${i}, "quoted", with a comma.`].join(' ');
	return { id: `doc-${i}`, title: `${topic.label} story ${i}`, text, topic: topic.label };
}

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Writes `rows` stories as CSV (`doc_id,headline,body`), streaming; `bad` rows get an extra field. */
export async function writeStoriesCsv(path: string, rows: number, bad: ReadonlySet<number> = new Set(), filler = 2): Promise<void> {
	const out = createWriteStream(path);
	const write = async (text: string) => {
		if (!out.write(text)) await once(out, 'drain');
	};
	await write('doc_id,headline,body\r\n');
	for (let i = 0; i < rows; i++) {
		const s = story(i, filler);
		await write(`${[s.id, s.title, s.text].map(csvField).join(',')}${bad.has(i) ? ',surplus' : ''}\r\n`);
	}
	out.end();
	await once(out, 'finish');
}

export const STORY_COLUMNS = { id: 'doc_id', title: 'headline', text: 'body' };

/** Peak and current resident memory of a process (Linux /proc), in MB. */
export function memoryMb(pid: number): { peak: number; current: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
	return { peak: Math.round(kb('VmHWM') / 1024), current: Math.round(kb('VmRSS') / 1024) };
}
