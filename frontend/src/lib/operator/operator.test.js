import { expect, it } from 'vitest';
import { pageInfo, usageLabel, usagePercent } from './operator.js';

it('usage reads as used of limit, or no limit', () => {
  expect(usageLabel(5, 1000)).toBe('5 of 1,000');
  expect(usageLabel(12, null)).toBe('12 (no limit)');
  expect(usagePercent(5, 10)).toBe(50);
  expect(usagePercent(50, 10)).toBe(100);
  expect(usagePercent(5, null)).toBeNull();
});

it('pageInfo tells the range and whether to offer previous and next', () => {
  expect(pageInfo(0, 25, 60)).toEqual({ label: '1–25 of 60', hasPrevious: false, hasNext: true });
  expect(pageInfo(50, 25, 60)).toEqual({ label: '51–60 of 60', hasPrevious: true, hasNext: false });
  expect(pageInfo(0, 25, 0)).toEqual({ label: 'No tenants', hasPrevious: false, hasNext: false });
});
