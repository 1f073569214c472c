import { expect, it } from 'vitest';
import { hashFor, inviteToken, parseHash } from './route.js';

it.each([
  ['', { tenantId: null, section: 'dashboard' }],
  ['#/', { tenantId: null, section: 'dashboard' }],
  ['#/acme', { tenantId: 'acme', section: 'dashboard' }],
  ['#/acme/messages', { tenantId: 'acme', section: 'messages' }],
  ['#/acme/nonsense', { tenantId: 'acme', section: 'dashboard' }],
  ['#/acme/keys', { tenantId: 'acme', section: 'keys' }],
  ['#/acme/phone', { tenantId: 'acme', section: 'phone' }],
  ['#/acme/contacts', { tenantId: 'acme', section: 'contacts' }],
  ['#/acme/templates', { tenantId: 'acme', section: 'templates' }],
])('parseHash(%j)', (hash, route) => {
  expect(parseHash(hash)).toEqual(route);
});

it('hashFor and parseHash agree', () => {
  expect(hashFor('acme', 'connectors')).toBe('#/acme/connectors');
  expect(parseHash(hashFor('acme', 'events'))).toEqual({ tenantId: 'acme', section: 'events' });
  expect(hashFor(null)).toBe('#/');
});

it.each([
  ['#/invite/whi_abc123', 'whi_abc123'],
  ['#invite/whi_abc123/', 'whi_abc123'],
  ['#/invite/a%2Bb', 'a+b'],
  ['#/invite/', null],
  ['#/invite', null],
  ['#/acme/features', null],
  ['', null],
])('inviteToken(%j)', (hash, token) => {
  expect(inviteToken(hash)).toBe(token);
});
