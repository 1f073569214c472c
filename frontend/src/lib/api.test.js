import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, request } from './api.js';

function answer(status, body, contentType = 'application/json') {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(text || null, { status, headers: text ? { 'Content-Type': contentType } : {} });
}

function stubFetch(response) {
  const fetch = vi.fn(async () => (response instanceof Error ? Promise.reject(response) : response));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

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
      headers: { Accept: 'application/json, application/problem+json', 'Content-Type': 'application/json' },
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
