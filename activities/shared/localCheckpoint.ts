import type { Info } from '@temporalio/activity';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * A checkpoint kept in a small file next to the job's own files, rewritten after every
 * acknowledged unit of work (a batch synced, a chunk of results appended).
 *
 * Why: Temporal throttles heartbeats (details reach the server at most every 0.8 x the heartbeat
 * timeout), so after a SIGKILL the last recorded heartbeat can be seconds of work behind, and a
 * retry resuming from it sends all of that again. A retry on a worker that shares the filesystem
 * (it reads the same input file) resumes from this file instead and repeats only what was in
 * flight. The file names the activity it belongs to (workflow run and activity id), so a file
 * left by another job, run or segment is ignored; callers still take the later of the file and
 * the heartbeat details, and a missing or unreadable file just means the heartbeat is used.
 */
export class LocalCheckpoint<T> {
	private latest?: T;
	private writing?: Promise<void>;
	/** Per instance: an earlier attempt still finishing in the same process never shares it. */
	private readonly temporary: string;

	constructor(
		readonly path: string,
		/** Identity of the activity the checkpoint belongs to (see `activityCheckpointOwner`). */
		private readonly owner: string,
	) {
		this.temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
	}

	/** The value saved by an earlier attempt of the same activity, if any. */
	async load(): Promise<T | undefined> {
		try {
			const saved = JSON.parse(await readFile(this.path, 'utf8')) as { owner?: string; value?: T };
			return saved.owner === this.owner ? saved.value : undefined;
		} catch {
			return undefined;
		}
	}

	/**
	 * Records `value` (already acknowledged work only). Writes are serialised and coalesced: while
	 * one is in progress only the newest value is kept for the next. Never throws: a failed write
	 * leaves an older checkpoint, which is safe (more is repeated on resume).
	 */
	save(value: T): void {
		this.latest = value;
		this.writing ??= this.drain();
	}

	/** Waits until every saved value is on disk. */
	async flush(): Promise<void> {
		while (this.writing) await this.writing;
	}

	/**
	 * Removes the file once the activity's work is complete, with any temporary file a worker
	 * killed in the middle of a write left behind.
	 */
	async remove(): Promise<void> {
		await this.flush();
		await rm(this.path, { force: true });
		const prefix = `${basename(this.path)}.`;
		const left = await readdir(dirname(this.path)).catch(() => [] as string[]);
		await Promise.all(left.filter((name) => name.startsWith(prefix) && name.endsWith('.tmp')).map((name) => rm(join(dirname(this.path), name), { force: true })));
	}

	private async drain(): Promise<void> {
		try {
			while (this.latest !== undefined) {
				const value = this.latest;
				this.latest = undefined;
				const { temporary } = this;
				try {
					await writeFile(temporary, JSON.stringify({ owner: this.owner, value }));
					await rename(temporary, this.path);
				} catch {
					await rm(temporary, { force: true }).catch(() => undefined);
				}
			}
		} finally {
			// Same synchronous step as the loop's last check: a value saved later starts a new drain.
			this.writing = undefined;
		}
	}
}

/** One activity execution (all its attempts): workflow run, activity id and when it was first scheduled. */
export function activityCheckpointOwner(info: Info): string {
	return `${info.workflowExecution?.workflowId ?? ''}/${info.workflowExecution?.runId ?? ''}/${info.activityId}/${info.scheduledTimestampMs}`;
}
