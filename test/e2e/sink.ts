import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SinkRequest {
	path: string;
	body: unknown;
	at: number;
}

/**
 * An HTTP endpoint on 127.0.0.1 that the workflows' last node (an HTTP Request node) posts to: each
 * request is one workflow execution that reached its end, with the data n8n handed downstream.
 */
export class HttpSink {
	readonly requests: SinkRequest[] = [];
	private server?: http.Server;
	private waiters = new Set<() => void>();
	url = '';

	async start(): Promise<this> {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let body: unknown = text;
				try {
					body = JSON.parse(text);
				} catch {
					// keep the raw text
				}
				this.requests.push({ path: req.url ?? '/', body, at: Date.now() });
				res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
				for (const wake of this.waiters) wake();
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	/** The bodies posted to `path`, in arrival order. */
	bodies(path: string): unknown[] {
		return this.requests.filter((r) => r.path === path).map((r) => r.body);
	}

	/** Resolves with the bodies posted to `path` once there are at least `count`; rejects after `timeoutMs`. */
	waitFor(path: string, count: number, timeoutMs: number, describe: () => string = () => ''): Promise<unknown[]> {
		return new Promise((resolve, reject) => {
			const check = () => {
				const bodies = this.bodies(path);
				if (bodies.length < count) return false;
				cleanup();
				resolve(bodies);
				return true;
			};
			const timer = setTimeout(() => {
				cleanup();
				reject(new Error(`expected ${count} request(s) to ${path} within ${timeoutMs} ms, got ${this.bodies(path).length}\n${describe()}`));
			}, timeoutMs);
			const cleanup = () => {
				clearTimeout(timer);
				this.waiters.delete(wake);
			};
			const wake = () => void check();
			this.waiters.add(wake);
			check();
		});
	}

	async close(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

/**
 * The two nodes that end each e2e trigger workflow: Aggregate (every item of the execution into one
 * `items` list) and an HTTP Request posting it to the sink at `path`. So one request is one
 * execution, carrying what the trigger emitted.
 */
export function reportNodes(prefix: string, sinkUrl: string, path: string, column: number) {
	const aggregate = {
		id: `${prefix}-aggregate`,
		name: `${prefix} Aggregate`,
		type: 'n8n-nodes-base.aggregate',
		typeVersion: 1,
		position: [column * 220, 0],
		parameters: { aggregate: 'aggregateAllItemData', destinationFieldName: 'items', options: {} },
	};
	const report = {
		id: `${prefix}-report`,
		name: `${prefix} Report`,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [(column + 1) * 220, 0],
		parameters: { method: 'POST', url: `${sinkUrl}${path}`, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify($json) }}', options: {} },
	};
	return { nodes: [aggregate, report], first: aggregate.name, connections: { [aggregate.name]: { main: [[{ node: report.name, type: 'main', index: 0 }]] } } };
}
