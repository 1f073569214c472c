import { expect, it } from 'vitest';
import { DEFAULT_SCOPES, expiresAt, SCOPES } from './keyChoices.js';

it('a key expiring in 30 days expires 30 × 24 hours from now', () => {
  expect(expiresAt(30, new Date('2026-01-01T10:00:00Z'))).toBe('2026-01-31T10:00:00.000Z');
});

it('a key that never expires sends no expiry', () => {
  expect(expiresAt(0)).toBeNull();
});

it('the default scopes are among the offered ones', () => {
  expect(DEFAULT_SCOPES.every((scope) => SCOPES.some((offered) => offered.value === scope))).toBe(true);
});
