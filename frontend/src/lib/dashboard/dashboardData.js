// Turns GET …/dashboard into chart data ({labels, datasets: [{label, data}]}) and plain-words summaries. Pure
// functions, no Chart.js here: the library is loaded only when a chart is drawn (charts.js).

/** Message statuses in the order a message moves, with the words shown. */
export const STATUS_ORDER = ['queued', 'deferred', 'sending', 'sent', 'delivered', 'read', 'failed', 'dead', 'suppressed'];
const STATUS_WORDS = { dead: 'failed for good', suppressed: 'not sent (policy)', deferred: 'put off' };

/** Colours by meaning, readable on white and distinct for common colour blindness. */
const COLOURS = {
  queued: '#94a3b8', deferred: '#cbd5e1', sending: '#60a5fa', sent: '#2563eb', delivered: '#0d9488', read: '#16a34a',
  failed: '#f59e0b', dead: '#dc2626', suppressed: '#7c3aed',
  received: '#2563eb', refused: '#dc2626', duplicate: '#94a3b8', ignored: '#cbd5e1',
};
const PALETTE = ['#2563eb', '#0d9488', '#f59e0b', '#7c3aed', '#dc2626', '#64748b'];

export const statusLabel = (status) => STATUS_WORDS[status] ?? status;

/** "2026-12-03" → "3 Dec" (UTC, as the hub counts days). */
export function dayLabel(day) {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

function byDay(days, rows, keyOf) {
  const keys = [];
  const counts = new Map();
  for (const row of rows) {
    const key = keyOf(row);
    if (!counts.has(key)) {
      counts.set(key, new Map());
      keys.push(key);
    }
    const perDay = counts.get(key);
    perDay.set(row.day, (perDay.get(row.day) ?? 0) + row.count);
  }
  return { keys, data: (key) => days.map((day) => counts.get(key)?.get(day) ?? 0) };
}

/** Stacked bars: messages per day, one dataset per status present, in the order a message moves. */
export function messagesByStatus(dashboard) {
  const { keys, data } = byDay(dashboard.days, dashboard.messages, (m) => m.status);
  const ordered = [...STATUS_ORDER.filter((s) => keys.includes(s)), ...keys.filter((s) => !STATUS_ORDER.includes(s))];
  return {
    labels: dashboard.days.map(dayLabel),
    datasets: ordered.map((status) => ({ label: statusLabel(status), data: data(status), backgroundColor: COLOURS[status] ?? '#64748b' })),
  };
}

/** Stacked bars: messages per day, one dataset per category (utility, marketing, authentication…). */
export function messagesByCategory(dashboard) {
  const { keys, data } = byDay(dashboard.days, dashboard.messages, (m) => m.category.toLowerCase());
  return {
    labels: dashboard.days.map(dayLabel),
    datasets: keys.sort().map((category, i) => ({ label: category, data: data(category), backgroundColor: PALETTE[i % PALETTE.length] })),
  };
}

/** Horizontal bars: all → sent → delivered → read. */
export function funnel(dashboard) {
  const f = dashboard.funnel;
  return {
    labels: ['queued in all', 'sent', 'delivered', 'read'],
    datasets: [{ label: 'messages', data: [f.total, f.sent, f.delivered, f.read], backgroundColor: ['#94a3b8', COLOURS.sent, COLOURS.delivered, COLOURS.read] }],
  };
}

/** Percent of `part` in `whole`, rounded, or null when there is no whole. */
export function percent(part, whole) {
  return whole > 0 ? Math.round((100 * part) / whole) : null;
}

/** "failed" and "suppressed" by reason, largest first: [{kind, reason, count}]. */
export function lostByReason(dashboard) {
  const rows = [];
  for (const [reason, count] of Object.entries(dashboard.funnel.failed ?? {})) rows.push({ kind: 'failed', reason, count });
  for (const [reason, count] of Object.entries(dashboard.funnel.suppressed ?? {})) rows.push({ kind: 'not sent', reason, count });
  return rows.sort((a, b) => b.count - a.count);
}

/** Stacked bars per connector: received, refused, duplicate, ignored over the window. */
export function webhooksPerConnector(dashboard) {
  const outcomes = ['received', 'refused', 'duplicate', 'ignored'];
  const connectors = [...new Set(dashboard.webhooks.map((w) => w.connector))].sort();
  const sum = (connector, outcome) =>
    dashboard.webhooks.filter((w) => w.connector === connector && w.outcome === outcome).reduce((n, w) => n + w.count, 0);
  return {
    labels: connectors,
    datasets: outcomes
      .map((outcome) => ({ label: outcome, data: connectors.map((c) => sum(c, outcome)), backgroundColor: COLOURS[outcome] }))
      .filter((set) => set.data.some((n) => n > 0)),
  };
}

/** The quota as words and a share: {used, limit, share (0–100 or null), text}. */
export function quotaUse(quota) {
  const share = quota.limit == null ? null : Math.min(100, percent(quota.used, quota.limit) ?? 0);
  const text = quota.limit == null
    ? `${quota.used.toLocaleString('en')} messages this month (plan ${quota.plan}: unlimited)`
    : `${quota.used.toLocaleString('en')} of ${quota.limit.toLocaleString('en')} messages this month (plan ${quota.plan})`;
  return { used: quota.used, limit: quota.limit, share, text };
}

/** Sum of a chart's data, for "nothing yet" checks. */
export function total(chart) {
  return chart.datasets.reduce((n, set) => n + set.data.reduce((a, b) => a + b, 0), 0);
}
