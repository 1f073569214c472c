import { expect, it } from 'vitest';
import { funnel, lostByReason, messagesByCategory, messagesByStatus, quotaUse, total, webhooksPerConnector } from './dashboardData.js';

const dashboard = {
  days: ['2026-12-01', '2026-12-02', '2026-12-03'],
  messages: [
    { day: '2026-12-01', status: 'read', category: 'UTILITY', reason: null, count: 2 },
    { day: '2026-12-02', status: 'dead', category: 'UTILITY', reason: null, count: 1 },
    { day: '2026-12-03', status: 'sent', category: 'MARKETING', reason: null, count: 3 },
    { day: '2026-12-03', status: 'suppressed', category: 'MARKETING', reason: 'window-closed', count: 1 },
  ],
  funnel: { total: 7, sent: 5, delivered: 2, read: 2, failed: { 'channel-error': 1 }, suppressed: { 'window-closed': 1 }, waiting: 0 },
  webhooks: [
    { day: '2026-12-01', connector: 'shopify', outcome: 'received', count: 4 },
    { day: '2026-12-02', connector: 'shopify', outcome: 'refused', count: 2 },
    { day: '2026-12-03', connector: 'stripe', outcome: 'received', count: 1 },
  ],
  quota: { month: '2026-12', limit: 100, used: 5, blocked: 0, released: 1, plan: 'free' },
};

it('stacks messages per day by status, in the order a message moves, with every day of the window', () => {
  const chart = messagesByStatus(dashboard);
  expect(chart.labels).toEqual(['1 Dec', '2 Dec', '3 Dec']);
  expect(chart.datasets.map((d) => d.label)).toEqual(['sent', 'read', 'failed for good', 'not sent (policy)']);
  expect(chart.datasets[0].data).toEqual([0, 0, 3]);
  expect(total(chart)).toBe(7);
});

it('stacks messages per day by category', () => {
  const chart = messagesByCategory(dashboard);
  expect(chart.datasets.map((d) => [d.label, d.data])).toEqual([
    ['marketing', [0, 0, 4]],
    ['utility', [2, 1, 0]],
  ]);
});

it('draws the funnel from queued to read and lists losses by reason, largest first', () => {
  expect(funnel(dashboard).datasets[0].data).toEqual([7, 5, 2, 2]);
  expect(lostByReason(dashboard)).toEqual([
    { kind: 'failed', reason: 'channel-error', count: 1 },
    { kind: 'not sent', reason: 'window-closed', count: 1 },
  ]);
});

it('sums webhooks per connector and outcome, leaving out outcomes with none', () => {
  const chart = webhooksPerConnector(dashboard);
  expect(chart.labels).toEqual(['shopify', 'stripe']);
  expect(chart.datasets.map((d) => [d.label, d.data])).toEqual([
    ['received', [4, 1]],
    ['refused', [2, 0]],
  ]);
});

it('says the quota in words, unlimited plans included', () => {
  expect(quotaUse(dashboard.quota)).toEqual({ used: 5, limit: 100, share: 5, text: '5 of 100 messages this month (plan free)' });
  expect(quotaUse({ ...dashboard.quota, limit: null }).share).toBeNull();
});
