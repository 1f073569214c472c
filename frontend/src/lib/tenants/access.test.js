import { expect, it } from 'vitest';
import { canEdit, roleIn, tenantsFromSession } from './access.js';

const person = {
  user: { id: 'u1', email: 'a@example.com' },
  operator: false,
  tenants: [
    { tenantId: 'acme', tenantName: 'Acme Shop', role: 'member' },
    { tenantId: 'globex', tenantName: 'Globex', role: 'admin' },
  ],
};

it('takes the role from the membership', () => {
  expect(roleIn(person, 'acme')).toBe('member');
  expect(roleIn(person, 'globex')).toBe('admin');
  expect(roleIn(person, 'other')).toBeNull();
  expect(roleIn(null, 'acme')).toBeNull();
});

it('lets the operator change every tenant', () => {
  const operator = { ...person, operator: true };
  expect(roleIn(operator, 'acme')).toBe('owner');
  expect(roleIn(operator, 'other')).toBe('owner');
});

it('lets owners and admins edit, members only read', () => {
  expect(canEdit('owner')).toBe(true);
  expect(canEdit('admin')).toBe(true);
  expect(canEdit('member')).toBe(false);
  expect(canEdit(null)).toBe(false);
});

it('turns memberships into tenants', () => {
  expect(tenantsFromSession(person)).toEqual([
    { id: 'acme', name: 'Acme Shop' },
    { id: 'globex', name: 'Globex' },
  ]);
  expect(tenantsFromSession({ operator: true })).toEqual([]);
});
