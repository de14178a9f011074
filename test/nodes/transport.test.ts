import { n8nTransport } from '../../nodes/shared/transport';

/** A stand-in for n8n's helper: the token expired, so the first two attempts get 401 until n8n logs in again. */
function fakeContext() {
	const calls: Array<{ ignoreHttpStatusErrors?: boolean }> = [];
	let loggedIn = false;
	const httpRequestWithAuthentication = async function (_type: string, options: { ignoreHttpStatusErrors?: boolean }) {
		calls.push({ ignoreHttpStatusErrors: options.ignoreHttpStatusErrors });
		if (!loggedIn && options.ignoreHttpStatusErrors) return { statusCode: 401, headers: {}, body: { detail: 'token expired' } };
		// n8n's own path: a 401 runs preAuthentication(expired) and repeats the request.
		loggedIn = true;
		return { statusCode: 200, headers: { 'X-Thing': '1' }, body: { ok: true } };
	};
	return { calls, context: { helpers: { httpRequestWithAuthentication } } as never };
}

test('a 401 is re-sent through n8n\'s re-login path when the credential uses preAuthentication', async () => {
	const { calls, context } = fakeContext();
	const response = await n8nTransport(context, 'x', { reauthenticateOn401: true })({ method: 'GET', url: 'http://x/a' });
	expect(response).toEqual({ status: 200, headers: { 'x-thing': '1' }, body: { ok: true } });
	expect(calls).toEqual([{ ignoreHttpStatusErrors: true }, { ignoreHttpStatusErrors: false }]);
});

test('without preAuthentication a 401 is handed back to the client layer as is', async () => {
	const { calls, context } = fakeContext();
	const response = await n8nTransport(context, 'x')({ method: 'GET', url: 'http://x/a' });
	expect(response.status).toBe(401);
	expect(calls).toHaveLength(1);
});

test('when re-login fails too, the status n8n raised is returned, not a network error', async () => {
	const context = {
		helpers: {
			httpRequestWithAuthentication: async (_t: string, o: { ignoreHttpStatusErrors?: boolean }) => {
				if (o.ignoreHttpStatusErrors) return { statusCode: 401, headers: {}, body: {} };
				throw Object.assign(new Error('Authorization failed'), { httpCode: '401', description: 'bad password' });
			},
		},
	} as never;
	const response = await n8nTransport(context, 'x', { reauthenticateOn401: true })({ method: 'GET', url: 'http://x/a' });
	expect(response).toMatchObject({ status: 401, body: { message: 'bad password' } });
});
