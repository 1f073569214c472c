// Figures and paging of the operator's tenant list.

/** "5 of 1,000" / "5 (no limit)": messages counted against the plan's monthly quota. */
export function usageLabel(used, limit) {
  const n = (value) => Number(value ?? 0).toLocaleString('en-US');
  return limit === null || limit === undefined ? `${n(used)} (no limit)` : `${n(used)} of ${n(limit)}`;
}

/** Share of the quota used, 0–100, or null without a limit. */
export function usagePercent(used, limit) {
  if (!limit) return null;
  return Math.min(100, Math.round((100 * Number(used ?? 0)) / limit));
}

/** "26–50 of 120", "No tenants" — and whether there is a page before and after. */
export function pageInfo(offset, limit, total) {
  if (!total) return { label: 'No tenants', hasPrevious: offset > 0, hasNext: false };
  const last = Math.min(total, offset + limit);
  return { label: `${offset + 1}–${last} of ${total}`, hasPrevious: offset > 0, hasNext: last < total };
}
