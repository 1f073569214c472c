// Feature pages drawn from what each feature declares (GET …/features → `panel`: lists with columns and filters,
// a detail view, actions, a create form as JSON Schema). No page here knows any feature.
import { formatTime } from '../format.js';

/** The declared pages of the tenant's enabled features: `[{feature, featureName, resource}]`, in listing order. */
export function declaredPages(features) {
  return (features ?? [])
    .filter((feature) => feature.enabled && Array.isArray(feature.panel))
    .flatMap((feature) => feature.panel.map((resource) => ({ feature: feature.id, featureName: feature.displayName, resource })));
}

/** A field of an item, following dots: `valueAt({contact: {name: 'Ann'}}, 'contact.name')` → 'Ann'. */
export function valueAt(item, field) {
  return field.split('.').reduce((value, key) => (value === null || value === undefined ? undefined : value[key]), item);
}

/** A value as text, by its declared type (`status` is drawn as a badge by the page, shown as text here). */
export function formatValue(value, type, now = new Date()) {
  if (value === null || value === undefined || value === '') return '—';
  if (type === 'datetime') return formatTime(value, now);
  if (type === 'boolean') return value ? 'yes' : 'no';
  if (type === 'number') return typeof value === 'number' ? value.toLocaleString('en-US') : String(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The path with `{id}` replaced by the item's id (encoded). */
export function itemPath(path, item) {
  return path.replaceAll('{id}', encodeURIComponent(String(item.id)));
}

/** The list operation's path with the filters' non-empty values as query parameters. */
export function listPath(path, filters) {
  const params = new URLSearchParams(Object.entries(filters ?? {}).filter(([, value]) => value !== '' && value != null));
  const query = params.toString();
  return query ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path;
}

/** A list answer as rows: an array as is, a single object (a summary) as one row. */
export function rowsOf(answer) {
  if (Array.isArray(answer)) return answer;
  if (answer && typeof answer === 'object') return Array.isArray(answer.items) ? answer.items : [answer];
  return [];
}
