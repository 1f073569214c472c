import { describe, expect, it } from 'vitest';
import { consentState, dataRows, importPercent, importSummary, mergeFailures, parseTags } from './contacts.js';

it('parseTags trims, drops blanks and repeats', () => {
  expect(parseTags(' vip, newsletter;;vip , ')).toEqual(['vip', 'newsletter']);
  expect(parseTags('')).toEqual([]);
});

describe('consentState', () => {
  it('marketing without a decision is not sent, utility is', () => {
    expect(consentState({}, 'marketing')).toEqual({ status: 'none', allowed: false, label: 'No decision (not sent)', tone: 'neutral' });
    expect(consentState(undefined, 'utility').allowed).toBe(true);
  });

  it('a recorded decision wins', () => {
    expect(consentState({ marketing: { status: 'opted-out' } }, 'marketing').label).toBe('Opted out');
    expect(consentState({ utility: { status: 'opted-in' } }, 'utility').tone).toBe('ok');
  });
});

describe('dataRows', () => {
  it('counts rows after the header, ignoring blank lines and breaks inside quotes', () => {
    expect(dataRows('phone,name\n+4915100000001,"Anna\nSchmidt"\r\n+4915100000002,Bo\n\n')).toBe(2);
    expect(dataRows('phone\n')).toBe(0);
    expect(dataRows('')).toBe(0);
  });
});

describe('importPercent', () => {
  it('is rows read of rows expected, 99 at most until done, 100 when done', () => {
    expect(importPercent({ rowsRead: 250, done: false }, 1000)).toBe(25);
    expect(importPercent({ rowsRead: 1200, done: false }, 1000)).toBe(99);
    expect(importPercent({ rowsRead: 3, done: true }, 1000)).toBe(100);
    expect(importPercent(null, 10)).toBe(0);
  });
});

it('mergeFailures keeps each line once, in order', () => {
  const merged = mergeFailures([{ line: 3, message: 'a' }], [{ line: 2, message: 'b' }, { line: 3, message: 'a' }]);
  expect(merged).toEqual([{ line: 2, message: 'b' }, { line: 3, message: 'a' }]);
});

it('importSummary says how it went', () => {
  const base = { rowsRead: 3, created: 1, updated: 1, failed: 1 };
  expect(importSummary({ ...base, done: true })).toBe('Import finished: 3 read, 1 created, 1 updated, 1 failed.');
  expect(importSummary({ ...base, done: true, error: 'the header row has no phone column' }))
    .toBe('Import failed: the header row has no phone column (3 read, 1 created, 1 updated, 1 failed).');
});
