import { expect, it } from 'vitest';
import { formatWait, signInMessage } from './signIn.js';

it.each([
  [0, '0 s'],
  [42, '42 s'],
  [88.2, '89 s'],
  [90, '2 min'],
  [600, '10 min'],
  [3600, '1 h'],
  [3900, '1 h 5 min'],
])('formatWait(%s)', (seconds, text) => {
  expect(formatWait(seconds)).toBe(text);
});

it('explains wrong credentials', () => {
  expect(signInMessage({ status: 401, detail: 'Email or password is wrong.' })).toBe('Email or password is wrong.');
});

it('explains a lock with the Retry-After wait, counting down', () => {
  const locked = { status: 429, retryAfter: 120 };
  expect(signInMessage(locked)).toBe('Too many failed sign-ins. Try again in 2 min.');
  expect(signInMessage(locked, 30)).toBe('Too many failed sign-ins. Try again in 30 s.');
  expect(signInMessage(locked, 0)).toBe('Too many failed sign-ins. You can try again now.');
  expect(signInMessage({ status: 429, retryAfter: null })).toBe('Too many failed sign-ins. Wait a while, then try again.');
});

it('shows other problems as the hub words them', () => {
  expect(signInMessage({ status: 422, title: 'Invalid request', detail: 'Invalid request: email' })).toBe('Invalid request: email');
  expect(signInMessage({ status: 0, detail: 'The hub cannot be reached (Failed to fetch).' })).toBe(
    'The hub cannot be reached (Failed to fetch).',
  );
  expect(signInMessage(null)).toBe('');
});
