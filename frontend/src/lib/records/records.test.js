import { expect, it } from 'vitest';
import { declaredPages, formatValue, itemPath, listPath, rowsOf, valueAt } from './records.js';

const features = [
  { id: 'otp', displayName: 'OTP', enabled: true, panel: [{ id: 'verifications', title: 'Verifications' }] },
  { id: 'orders', displayName: 'Orders', enabled: false, panel: [{ id: 'orders', title: 'Orders' }] },
  { id: 'packing-list', displayName: 'Packing list', enabled: true, panel: null },
  { id: 'drips', displayName: 'Drips', enabled: true, panel: [{ id: 'campaigns' }, { id: 'figures' }] },
];

it('declaredPages lists the pages of enabled features only, in order', () => {
  expect(declaredPages(features).map((page) => `${page.feature}/${page.resource.id}`)).toEqual([
    'otp/verifications',
    'drips/campaigns',
    'drips/figures',
  ]);
});

it('valueAt follows dotted fields', () => {
  expect(valueAt({ contact: { name: 'Ann' } }, 'contact.name')).toBe('Ann');
  expect(valueAt({ contact: null }, 'contact.name')).toBeUndefined();
});

it('formatValue draws each declared type', () => {
  expect(formatValue(null, 'text')).toBe('—');
  expect(formatValue(true, 'boolean')).toBe('yes');
  expect(formatValue(12345, 'number')).toBe('12,345');
  expect(formatValue({ a: 1 }, 'text')).toBe('{"a":1}');
  expect(formatValue('2026-12-01T10:00:00Z', 'datetime', new Date('2027-01-01'))).toMatch(/2026/);
});

it('itemPath and listPath build the operation paths', () => {
  expect(itemPath('/verifications/{id}/cancel', { id: 'a/b' })).toBe('/verifications/a%2Fb/cancel');
  expect(listPath('/verifications', { status: 'pending', to: '' })).toBe('/verifications?status=pending');
  expect(listPath('/verifications', {})).toBe('/verifications');
  expect(listPath('/x?limit=5', { q: '+49 1' })).toBe('/x?limit=5&q=%2B49+1');
});

it('rowsOf takes arrays, item pages and single summaries', () => {
  expect(rowsOf([{ id: 1 }])).toEqual([{ id: 1 }]);
  expect(rowsOf({ items: [{ id: 2 }] })).toEqual([{ id: 2 }]);
  expect(rowsOf({ total: 3 })).toEqual([{ total: 3 }]);
  expect(rowsOf(null)).toEqual([]);
});
