// The hub calls of the team, operator, feature and campaign pages: method, path and body.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { api, queryString } from '../api.js';
import { drips } from '../campaigns/drips.js';

beforeEach(() => vi.stubGlobal('document', { cookie: 'XSRF-TOKEN=token-1' }));
afterEach(() => vi.unstubAllGlobals());

it.each([
  [() => api.listTenants({ q: 'acme shop', limit: 50 }), 'GET', '/api/v1/tenants?q=acme+shop&limit=50', undefined],
  [() => api.listTenants({ q: '' }), 'GET', '/api/v1/tenants', undefined],
  [() => api.getTenant('acme'), 'GET', '/api/v1/tenants/acme', undefined],
  [() => api.listMembers('acme'), 'GET', '/api/v1/tenants/acme/members', undefined],
  [() => api.changeMemberRole('acme', 'u-1', 'admin'), 'PUT', '/api/v1/tenants/acme/members/u-1', '{"role":"admin"}'],
  [() => api.removeMember('acme', 'u-1'), 'DELETE', '/api/v1/tenants/acme/members/u-1', undefined],
  [() => api.listInvitations('acme'), 'GET', '/api/v1/tenants/acme/invitations', undefined],
  [
    () => api.createInvitation('acme', { email: 'a@b.test', role: 'member' }),
    'POST',
    '/api/v1/tenants/acme/invitations',
    '{"email":"a@b.test","role":"member"}',
  ],
  [() => api.revokeInvitation('acme', 'i-1'), 'DELETE', '/api/v1/tenants/acme/invitations/i-1', undefined],
  [
    () => api.listOperatorTenants({ q: 'ac', status: 'suspended', limit: 25, offset: 25 }),
    'GET',
    '/api/v1/operator/tenants?q=ac&status=suspended&limit=25&offset=25',
    undefined,
  ],
  [() => api.listPlans(), 'GET', '/api/v1/plans', undefined],
  [
    () => api.featureCall('acme', 'otp', 'POST', '/verifications/v-1/cancel'),
    'POST',
    '/api/v1/tenants/acme/features/otp/verifications/v-1/cancel',
    undefined,
  ],
  [() => drips.list('acme', 'active'), 'GET', '/api/v1/tenants/acme/features/drips/campaigns?status=active', undefined],
  [() => drips.move('acme', 'c-1', 'activate'), 'POST', '/api/v1/tenants/acme/features/drips/campaigns/c-1/activate', undefined],
  [() => drips.update('acme', 'c-1', { name: 'x' }), 'PUT', '/api/v1/tenants/acme/features/drips/campaigns/c-1', '{"name":"x"}'],
  [() => drips.figures('acme', 'c-1'), 'GET', '/api/v1/tenants/acme/features/drips/campaigns/c-1/figures', undefined],
])('%#: calls %s %s', async (call, method, url, body) => {
  const fetch = vi.fn(async () => new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);

  await call();

  const [calledUrl, init] = fetch.mock.calls[0];
  expect(calledUrl).toBe(url);
  expect(init.method).toBe(method);
  expect(init.body).toBe(body);
});

it('queryString keeps only the values that are set', () => {
  expect(queryString({ a: 1, b: '', c: null, d: undefined, e: 0 })).toBe('?a=1&e=0');
  expect(queryString({})).toBe('');
});

it('previewInvitation posts the token (never in the URL)', async () => {
  const fetch = vi.fn(async () => new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);

  await api.previewInvitation('whi_secret');

  expect(fetch.mock.calls[0][0]).toBe('/api/v1/invitations/preview');
  expect(fetch.mock.calls[0][1].body).toBe('{"token":"whi_secret"}');
});
