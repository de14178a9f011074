import type { ServerResponse } from 'node:http';
import { FAULT_KINDS, type FaultKind } from './faults';

export interface RouteStats {
	count: number;
	byStatus: Record<string, number>;
}

export interface StatsSnapshot {
	/** Requests to the platform API (admin requests are not counted). */
	total: number;
	/** Keyed by "METHOD /route/:pattern"; requests that matched no route are under "METHOD (unmatched)". */
	byRoute: Record<string, RouteStats>;
	/** Keyed by status code, or "aborted" when no response was completed (e.g. a dropped socket). */
	byStatus: Record<string, number>;
	faults: Record<FaultKind, number> & { total: number };
	rateLimited: number;
}

export class StatsRecorder {
	private snapshotData = StatsRecorder.empty();

	private static empty(): StatsSnapshot {
		const faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
		return { total: 0, byRoute: {}, byStatus: {}, faults: { ...faults, total: 0 }, rateLimited: 0 };
	}

	/** Counts the request under `routeKey` once its response is finished (or aborted). */
	track(routeKey: string, res: ServerResponse): void {
		const data = this.snapshotData;
		data.total++;
		const route = (data.byRoute[routeKey] ??= { count: 0, byStatus: {} });
		route.count++;
		res.once('close', () => {
			if (data !== this.snapshotData) return; // reset while in flight
			const status = res.writableFinished ? String(res.statusCode) : 'aborted';
			route.byStatus[status] = (route.byStatus[status] ?? 0) + 1;
			data.byStatus[status] = (data.byStatus[status] ?? 0) + 1;
		});
	}

	faultsFired(kinds: readonly FaultKind[]): void {
		for (const kind of kinds) {
			this.snapshotData.faults[kind]++;
			this.snapshotData.faults.total++;
		}
	}

	rateLimited(): void {
		this.snapshotData.rateLimited++;
	}

	snapshot(): StatsSnapshot {
		return structuredClone(this.snapshotData);
	}

	reset(): void {
		this.snapshotData = StatsRecorder.empty();
	}
}
