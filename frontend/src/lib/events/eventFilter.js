// The events page's filter form, turned into the events API's query: only the fields that are set, and the
// local date-times of the form as ISO instants.

export const EVENT_STATUSES = ['pending', 'done', 'dead'];

/**
 * @param {{source?: string, type?: string, status?: string, since?: string, until?: string}} filter
 *   since/until as an `<input type="datetime-local">` gives them (local time, no zone)
 * @returns {Record<string, string>}
 */
export function eventQuery(filter) {
  const query = {};
  for (const field of ['source', 'type', 'status']) {
    const value = filter[field]?.trim();
    if (value) query[field] = value;
  }
  for (const field of ['since', 'until']) {
    if (!filter[field]) continue;
    const date = new Date(filter[field]);
    if (!Number.isNaN(date.getTime())) query[field] = date.toISOString();
  }
  return query;
}
