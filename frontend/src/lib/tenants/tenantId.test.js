import { expect, it } from 'vitest';
import { isValidTenantId, suggestTenantId } from './tenantId.js';

it.each([
  ['Acme Shop', 'acme-shop'],
  ['  Café Crème! ', 'cafe-creme'],
  ['Shop #1 -- Berlin', 'shop-1-berlin'],
  ['x'.repeat(50), 'x'.repeat(40)],
])('suggests %j → %j', (name, id) => {
  expect(suggestTenantId(name)).toBe(id);
});

it.each([
  ['acme', true],
  ['acme-shop-2', true],
  ['ac', false],
  ['Acme', false],
  ['acme_shop', false],
  ['a'.repeat(40), true],
  ['a'.repeat(41), false],
  ['-acme', false],
  ['acme-', false],
])('isValidTenantId(%j) is %s', (id, valid) => {
  expect(isValidTenantId(id)).toBe(valid);
});
