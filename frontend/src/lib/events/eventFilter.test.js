import { expect, it } from 'vitest';
import { eventQuery } from './eventFilter.js';

it('sends only the fields that are set, trimmed', () => {
  expect(eventQuery({ source: ' shopify ', type: '', status: 'dead' })).toEqual({ source: 'shopify', status: 'dead' });
});

it('sends times as ISO instants', () => {
  const since = '2026-01-31T10:00';
  expect(eventQuery({ since })).toEqual({ since: new Date(since).toISOString() });
});

it('leaves out a time that is not one', () => {
  expect(eventQuery({ until: 'soon' })).toEqual({});
});
