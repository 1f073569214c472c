import { expect, it } from 'vitest';
import { assignableRoles, canManage, expiresIn, invitationLink } from './team.js';

it('owners assign every role, admins only admin and member, members none', () => {
  expect(assignableRoles('owner')).toEqual(['owner', 'admin', 'member']);
  expect(assignableRoles('admin')).toEqual(['admin', 'member']);
  expect(assignableRoles('member')).toEqual([]);
  expect(canManage('admin', 'owner')).toBe(false);
  expect(canManage('admin', 'member')).toBe(true);
  expect(canManage('owner', 'owner')).toBe(true);
});

it('an invitation link opens the accept page with the token', () => {
  expect(invitationLink('whi_a+b', 'https://hub.example')).toBe('https://hub.example/#/invite/whi_a%2Bb');
});

it('expiresIn counts down in minutes, hours, then days', () => {
  const now = Date.parse('2026-12-01T10:00:00Z');
  expect(expiresIn('2026-12-01T10:01:00Z', now)).toBe('in 1 minute');
  expect(expiresIn('2026-12-01T15:00:00Z', now)).toBe('in 5 hours');
  expect(expiresIn('2026-12-08T10:00:00Z', now)).toBe('in 7 days');
  expect(expiresIn('2026-12-01T09:00:00Z', now)).toBe('expired');
});
