import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, csrfToken, onUnauthorized, request } from './api.js';

function answer(status, body, contentType = 'application/json') {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(text || null, { status, headers: text ? { 'Content-Type': contentType } : {} });
}

function stubFetch(response) {
  const fetch = vi.fn(async () => (response instanceof Error ? Promise.reject(response) : response));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

/** A stand-in for the browser's cookie jar, as far as api.js reads it. */
function stubCookies(cookie) {
  const document = { cookie };
  vi.stubGlobal('document', document);
  return document;
}

beforeEach(() => stubCookies('XSRF-TOKEN=token-1'));
afterEach(() => vi.unstubAllGlobals());

describe('request', () => {
  it('returns the parsed JSON body of a 2xx answer', async () => {
    stubFetch(answer(200, [{ id: 'acme', name: 'Acme Shop' }]));

    await expect(request('GET', '/tenants')).resolves.toEqual([{ id: 'acme', name: 'Acme Shop' }]);
  });

  it('returns null for an empty answer', async () => {
    stubFetch(answer(204));

    await expect(request('DELETE', '/tenants/acme')).resolves.toBeNull();
  });

  it('sends a JSON body with its content type under /api/v1', async () => {
    const fetch = stubFetch(answer(201, { id: 'acme' }));

    await api.createTenant({ id: 'acme', name: 'Acme Shop' });

    expect(fetch).toHaveBeenCalledWith('/api/v1/tenants', {
      method: 'POST',
      headers: {
        Accept: 'application/json, application/problem+json',
        'Content-Type': 'application/json',
        'X-XSRF-TOKEN': 'token-1',
      },
      credentials: 'same-origin',
      body: '{"id":"acme","name":"Acme Shop"}',
    });
  });

  it('throws an ApiError carrying status, detail and field errors of a problem+json answer', async () => {
    stubFetch(
      answer(
        400,
        {
          type: 'https://wahub.io/problems/validation',
          title: 'Invalid settings',
          status: 400,
          detail: 'Settings of shopify are invalid',
          errors: { shopDomain: 'must end with .myshopify.com', webhookSecret: ['must not be blank'] },
        },
        'application/problem+json',
      ),
    );

    const error = await request('PUT', '/tenants/acme/connectors/shopify', { settings: {} }).catch((e) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.title).toBe('Invalid settings');
    expect(error.detail).toBe('Settings of shopify are invalid');
    expect(error.message).toBe('Settings of shopify are invalid');
    expect(error.type).toBe('https://wahub.io/problems/validation');
    expect(error.errors).toEqual({ shopDomain: 'must end with .myshopify.com', webhookSecret: 'must not be blank' });
  });

  it('throws an ApiError with the HTTP status when the answer is not JSON', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } }));

    const error = await request('GET', '/tenants').catch((e) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.detail).toBe('The hub answered 502 Bad Gateway.');
    expect(error.errors).toEqual({});
  });

  it('throws an ApiError with status 0 when the hub cannot be reached', async () => {
    stubFetch(new TypeError('Failed to fetch'));

    const error = await request('GET', '/tenants').catch((e) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
    expect(error.detail).toBe('The hub cannot be reached (Failed to fetch).');
  });
});

describe('CSRF', () => {
  it('reads the XSRF-TOKEN cookie among others, decoded', () => {
    stubCookies('theme=dark; XSRF-TOKEN=a%2Fb-c; other=1');

    expect(csrfToken()).toBe('a/b-c');
  });

  it('has no token without the cookie, or outside a browser', () => {
    stubCookies('theme=dark; NOT-XSRF-TOKEN=x');
    expect(csrfToken()).toBeNull();

    vi.stubGlobal('document', undefined);
    expect(csrfToken()).toBeNull();
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('sends the cookie as X-XSRF-TOKEN on %s', async (method) => {
    const fetch = stubFetch(answer(204));

    await request(method, '/tenants/acme');

    const [, init] = fetch.mock.calls[0];
    expect(init.headers['X-XSRF-TOKEN']).toBe('token-1');
    expect(init.credentials).toBe('same-origin');
  });

  it('sends no X-XSRF-TOKEN on GET, but still the session cookie', async () => {
    const fetch = stubFetch(answer(200, []));

    await request('GET', '/tenants');

    const [, init] = fetch.mock.calls[0];
    expect(init.headers).not.toHaveProperty('X-XSRF-TOKEN');
    expect(init.credentials).toBe('same-origin');
  });

  it('sends the cookie as it is at the time of the call', async () => {
    const document = stubCookies('XSRF-TOKEN=old');
    const fetch = stubFetch(answer(204));
    await request('DELETE', '/session');
    document.cookie = 'XSRF-TOKEN=new';

    await request('DELETE', '/session');

    expect(fetch.mock.calls[1][1].headers['X-XSRF-TOKEN']).toBe('new');
  });

  it('without the cookie, first GETs the session (ignoring its 401) to get one, then sends it', async () => {
    const document = stubCookies('');
    const fetch = vi.fn(async (url, init) => {
      if (init.method === 'GET') {
        document.cookie = 'XSRF-TOKEN=fresh'; // what the browser does with the answer's Set-Cookie
        return answer(401, { title: 'Not signed in', status: 401 }, 'application/problem+json');
      }
      return answer(200, { user: { id: 'u1', email: 'a@example.com' }, operator: false, tenants: [] });
    });
    vi.stubGlobal('fetch', fetch);
    const expired = vi.fn();
    const off = onUnauthorized(expired);

    const session = await api.signIn('a@example.com', 'secret-password');

    off();
    expect(session.user.email).toBe('a@example.com');
    expect(fetch.mock.calls.map(([url, init]) => `${init.method} ${url}`)).toEqual(['GET /api/v1/session', 'POST /api/v1/session']);
    expect(fetch.mock.calls[1][1].headers['X-XSRF-TOKEN']).toBe('fresh');
    expect(fetch.mock.calls[1][1].body).toBe('{"email":"a@example.com","password":"secret-password"}');
    expect(expired).not.toHaveBeenCalled();
  });

  it('still sends the request when no cookie can be had (the hub then answers for itself)', async () => {
    stubCookies('');
    const fetch = vi.fn(async (url, init) => (init.method === 'GET' ? answer(401) : answer(204)));
    vi.stubGlobal('fetch', fetch);

    await request('DELETE', '/session');

    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[1][1].headers).not.toHaveProperty('X-XSRF-TOKEN');
  });
});

describe('401 and 429', () => {
  const notSignedIn = () =>
    answer(401, { type: 'https://wahub.dev/problems/unauthenticated', title: 'Not signed in', status: 401 }, 'application/problem+json');

  it('tells the unauthorized handler when a call answers 401, and still throws', async () => {
    stubFetch(notSignedIn());
    const expired = vi.fn();
    const off = onUnauthorized(expired);

    const error = await api.listTenants().catch((e) => e);

    off();
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(expired.mock.calls[0][0]).toBe(error);
  });

  it.each([
    ['the session probe', () => api.getSession()],
    ['a failed sign-in', () => api.signIn('a@example.com', 'wrong')],
    ['a wrong current password', () => api.changePassword('wrong', 'new-password-123')],
    ['accepting an invitation', () => api.acceptInvitation('whi_x', 'wrong')],
  ])('does not treat a 401 from %s as an expired session', async (_, call) => {
    stubFetch(notSignedIn());
    const expired = vi.fn();
    const off = onUnauthorized(expired);

    const error = await call().catch((e) => e);

    off();
    expect(error.status).toBe(401);
    expect(expired).not.toHaveBeenCalled();
  });

  it('does not tell the handler about other errors, nor after it was removed', async () => {
    const expired = vi.fn();
    const off = onUnauthorized(expired);
    stubFetch(answer(403, { title: 'Forbidden', status: 403 }, 'application/problem+json'));
    await api.listTenants().catch(() => {});
    off();
    stubFetch(notSignedIn());
    await api.listTenants().catch(() => {});

    expect(expired).not.toHaveBeenCalled();
  });

  it('carries Retry-After of a locked sign-in as seconds', async () => {
    stubFetch(
      new Response(
        JSON.stringify({ title: 'Too many failed sign-ins', status: 429, detail: 'try again in 42 s.', retryAfterSeconds: 42 }),
        { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '40' } },
      ),
    );

    const error = await api.signIn('a@example.com', 'x').catch((e) => e);

    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(40); // the header wins over the body
  });

  it('falls back to the problem body\'s retryAfterSeconds, else null', async () => {
    stubFetch(answer(429, { status: 429, retryAfterSeconds: 7 }, 'application/problem+json'));
    expect((await request('POST', '/session', {}).catch((e) => e)).retryAfter).toBe(7);

    stubFetch(answer(400, { status: 400 }, 'application/problem+json'));
    expect((await request('POST', '/session', {}).catch((e) => e)).retryAfter).toBeNull();
  });
});

describe('api', () => {
  it.each([
    [() => api.listTenants(), 'GET', '/api/v1/tenants', undefined],
    [() => api.updateTenant('acme', { channel: 'whatsapp-cloud' }), 'PATCH', '/api/v1/tenants/acme', '{"channel":"whatsapp-cloud"}'],
    [() => api.listFeatures('acme'), 'GET', '/api/v1/tenants/acme/features', undefined],
    [
      () => api.updateFeature('acme', 'packing-list', { enabled: true }),
      'PUT',
      '/api/v1/tenants/acme/features/packing-list',
      '{"enabled":true}',
    ],
    [() => api.listConnectors('acme'), 'GET', '/api/v1/tenants/acme/connectors', undefined],
    [
      () => api.updateConnector('acme', 'shopify', { shopDomain: 'x.myshopify.com' }),
      'PUT',
      '/api/v1/tenants/acme/connectors/shopify',
      '{"settings":{"shopDomain":"x.myshopify.com"}}',
    ],
    [() => api.listMessages('acme'), 'GET', '/api/v1/tenants/acme/messages?limit=50', undefined],
    [() => api.listEvents('acme', 10), 'GET', '/api/v1/tenants/acme/events?limit=10', undefined],
    [() => api.getSession(), 'GET', '/api/v1/session', undefined],
    [() => api.signOut(), 'DELETE', '/api/v1/session', undefined],
    [
      () => api.changePassword('old-password', 'new-password-123'),
      'PUT',
      '/api/v1/session/password',
      '{"currentPassword":"old-password","newPassword":"new-password-123"}',
    ],
    [() => api.acceptInvitation('whi_abc', 'a-long-password'), 'POST', '/api/v1/invitations/accept', '{"token":"whi_abc","password":"a-long-password"}'],
    [() => api.getUsage('acme', '2026-11'), 'GET', '/api/v1/tenants/acme/usage?month=2026-11', undefined],
    [() => api.getUsage('acme'), 'GET', '/api/v1/tenants/acme/usage', undefined],
    [() => api.listAudit('acme'), 'GET', '/api/v1/tenants/acme/audit?limit=100', undefined],
    [() => api.listKeys('acme'), 'GET', '/api/v1/tenants/acme/keys', undefined],
    [() => api.createKey('acme', { name: 'shop' }), 'POST', '/api/v1/tenants/acme/keys', '{"name":"shop"}'],
    [() => api.deleteKey('acme', 'k-1'), 'DELETE', '/api/v1/tenants/acme/keys/k-1', undefined],
  ])('%#: %s calls %s %s', async (call, method, url, body) => {
    const fetch = stubFetch(answer(200, {}));

    await call();

    const [calledUrl, init] = fetch.mock.calls[0];
    expect(calledUrl).toBe(url);
    expect(init.method).toBe(method);
    expect(init.body).toBe(body);
  });

  it('escapes ids in paths', async () => {
    const fetch = stubFetch(answer(200, []));

    await api.listFeatures('a/b');

    expect(fetch.mock.calls[0][0]).toBe('/api/v1/tenants/a%2Fb/features');
  });
});
