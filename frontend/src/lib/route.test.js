import { expect, it } from 'vitest';
import { hashFor, inviteToken, isOperatorHash, OPERATOR_HASH, pageHash, parseHash, subPath } from './route.js';

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

it('subPath, pageHash and the operator page', () => {
  expect(subPath('#/acme/records/otp/verifications')).toEqual(['otp', 'verifications']);
  expect(subPath('#/acme/campaigns')).toEqual([]);
  expect(subPath(pageHash('acme', 'campaigns', 'a b/c'))).toEqual(['a b/c']);
  expect(parseHash(pageHash('acme', 'records', 'otp'))).toEqual({ tenantId: 'acme', section: 'records' });
  expect(isOperatorHash(OPERATOR_HASH)).toBe(true);
  expect(isOperatorHash('#/acme/team')).toBe(false);
});
