// Usage metrics in words: the hub meters `messages.utility`, `messages.suppressed.window-closed`, … (UsageMeter).

const FIXED = {
  'webhooks.received': 'Webhooks received',
  'api.calls': 'API calls',
  'llm.tokens.prompt': 'AI prompt tokens',
  'llm.tokens.completion': 'AI completion tokens',
};

const REASONS = {
  'window-closed': '24-hour window closed',
  'no-consent': 'no consent',
  'quota-exceeded': 'monthly quota reached',
  'quiet-hours': 'quiet hours',
  'recipient-pacing': 'recipient pacing',
  undeliverable: 'number undeliverable',
  withdrawn: 'withdrawn by its feature',
};

const words = (code) => REASONS[code] ?? code.replace(/[-_.]/g, ' ');
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** "messages.utility" → "Utility messages sent"; "messages.suppressed.no-consent" → "Not sent: no consent". */
export function metricLabel(metric) {
  if (FIXED[metric]) return FIXED[metric];
  let match = /^messages\.suppressed\.(.+)$/.exec(metric);
  if (match) return `Not sent: ${words(match[1])}`;
  match = /^messages\.deferred\.(.+)$/.exec(metric);
  if (match) return `Put off: ${words(match[1])}`;
  match = /^messages\.([a-z_-]+)$/.exec(metric);
  if (match) return `${capital(words(match[1]))} messages sent`;
  return capital(words(metric));
}

/** Totals as [{metric, label, total}], messages first, then by label. */
export function usageRows(totals) {
  return Object.entries(totals ?? {})
    .map(([metric, total]) => ({ metric, label: metricLabel(metric), total }))
    .sort((a, b) => (a.metric.startsWith('messages.') === b.metric.startsWith('messages.') ? a.label.localeCompare(b.label) : a.metric.startsWith('messages.') ? -1 : 1));
}
