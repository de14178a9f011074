/**
 * A test's own session on the Luminoso Compass emulator (login, JSON calls that log in again on a
 * 401, new projects) and the topic vocabulary the Compass job tests train on.
 */

/** Keywords per topic: training documents and messages are made of these. */
export const TOPIC_KEYWORDS: Record<string, string[]> = {
	billing: ['invoice', 'charge', 'refund', 'payment', 'bill', 'price'],
	delivery: ['parcel', 'courier', 'shipping', 'package', 'tracking', 'arrived'],
	product: ['screen', 'battery', 'broken', 'quality', 'size', 'colour'],
	support: ['agent', 'call', 'chat', 'hold', 'answer', 'helpdesk'],
};
export const TOPICS = Object.keys(TOPIC_KEYWORDS);

export class CompassSession {
	token = '';
	/** Every token Compass handed this session (a user's valid token is shared with the worker). */
	readonly tokens = new Set<string>();

	constructor(
		private readonly apiUrl: string,
		private readonly user: { email: string; password: string },
	) {}

	/** POST /login/ answers the user's current token while it is valid. */
	async login(): Promise<string> {
		const res = await fetch(`${this.apiUrl}/login/`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: this.user.email, password: this.user.password }) });
		this.token = ((await res.json()) as { token: string }).token;
		this.tokens.add(this.token);
		return this.token;
	}

	async api(method: string, route: string, body?: unknown): Promise<any> {
		for (let attempt = 0; ; attempt++) {
			const res = await fetch(`${this.apiUrl}${route}`, { method, headers: { Authorization: `Token ${this.token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
			if (res.status === 401 && attempt === 0) {
				await this.login();
				continue;
			}
			return res.status === 204 ? undefined : res.json();
		}
	}

	/** A project in a new account; returns its id. */
	async newProject(name: string): Promise<string> {
		const account = (await this.api('POST', '/accounts/', { name: `${name} account` })).id as string;
		return String((await this.api('POST', '/projects/', { name, account, language: 'en' })).url).split('/').filter(Boolean).pop()!;
	}
}
