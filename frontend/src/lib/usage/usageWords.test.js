import { expect, it } from 'vitest';
import { metricLabel, usageRows } from './usageWords.js';

it.each([
  ['messages.utility', 'Utility messages sent'],
  ['messages.marketing', 'Marketing messages sent'],
  ['messages.suppressed.window-closed', 'Not sent: 24-hour window closed'],
  ['messages.deferred.recipient-pacing', 'Put off: recipient pacing'],
  ['webhooks.received', 'Webhooks received'],
  ['api.calls', 'API calls'],
  ['something.new', 'Something new'],
])('metricLabel(%s)', (metric, label) => {
  expect(metricLabel(metric)).toBe(label);
});

it('lists messages first, then the rest, each by label', () => {
  expect(usageRows({ 'webhooks.received': 3, 'messages.utility': 5, 'api.calls': 1 }).map((r) => r.label)).toEqual([
    'Utility messages sent',
    'API calls',
    'Webhooks received',
  ]);
});
