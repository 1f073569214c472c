import { describe, expect, it } from 'vitest';
import { displayStatus, plainError } from './messageStatus.js';

describe('displayStatus', () => {
  it('calls a queued message that already failed "retrying"', () => {
    expect(displayStatus({ status: 'queued', attempts: 2, lastError: 'http-500: boom' })).toBe('retrying');
  });

  it('keeps every other status as the hub says it', () => {
    expect(displayStatus({ status: 'queued', attempts: 0, lastError: null })).toBe('queued');
    expect(displayStatus({ status: 'dead', attempts: 4, lastError: 'http-500: boom' })).toBe('dead');
  });
});

describe('plainError', () => {
  it("says a known Meta code's meaning", () => {
    expect(plainError('131026: Message Undeliverable.')).toBe(
      'WhatsApp could not deliver it: the number may not use WhatsApp, or has not accepted the latest terms.',
    );
  });

  it('says what an HTTP failure of the channel means', () => {
    expect(plainError('http-500: WhatsApp Cloud API answered HTTP 500')).toBe("The channel's server had a problem (HTTP 500).");
    expect(plainError('http-401: Invalid OAuth access token')).toBe(
      'The channel refused the credentials (HTTP 401): check the connector settings.',
    );
  });

  it("keeps an unknown code's own sentence, without the code", () => {
    expect(plainError('999999: Something new happened.')).toBe('Something new happened.');
  });

  it('keeps a text without a code as it is', () => {
    expect(plainError('resent by operator@wahub.test')).toBe('resent by operator@wahub.test');
  });

  it('is null without an error', () => {
    expect(plainError(null)).toBeNull();
  });
});
