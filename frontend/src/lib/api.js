// The one way the panel talks to the hub. Every call goes through `request`, which turns
// RFC 7807 problem+json answers (and anything else that is not a 2xx) into an ApiError
// carrying `status`, `title`, `detail` and the per-field `errors` object the forms show inline.

const BASE = '/api/v1';

export class ApiError extends Error {
  /**
   * @param {{status: number, title?: string, detail?: string, type?: string, errors?: Record<string, string>}} problem
   */
  constructor({ status, title, detail, type, errors }) {
    super(detail || title || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title ?? '';
    this.detail = detail ?? '';
    this.type = type ?? 'about:blank';
    this.errors = errors ?? {};
  }
}

/**
 * Sends one request to the hub and returns the parsed JSON body (null for an empty body).
 * @param {string} method
 * @param {string} path below /api/v1, e.g. `/tenants`
 * @param {unknown} [body] sent as JSON when given
 */
export async function request(method, path, body) {
  const init = { method, headers: { Accept: 'application/json, application/problem+json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(BASE + path, init);
  } catch (cause) {
    throw new ApiError({ status: 0, title: 'Network error', detail: `The hub cannot be reached (${cause.message}).` });
  }

  const payload = await readBody(response);
  if (response.ok) return payload;
  throw toApiError(response, payload);
}

async function readBody(response) {
  const text = await response.text();
  if (!text) return null;
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toApiError(response, payload) {
  if (payload && typeof payload === 'object') {
    return new ApiError({ ...payload, status: payload.status ?? response.status, errors: normalizeErrors(payload.errors) });
  }
  return new ApiError({
    status: response.status,
    title: response.statusText || 'Request failed',
    detail: `The hub answered ${response.status}${response.statusText ? ' ' + response.statusText : ''}.`,
  });
}

/** Accepts `{"field": "message"}` and also `{"field": ["message", …]}`; returns field → one string. */
function normalizeErrors(errors) {
  if (!errors || typeof errors !== 'object') return {};
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [field, Array.isArray(message) ? message.join(' ') : String(message)]),
  );
}

const seg = encodeURIComponent;

export const api = {
  listTenants: () => request('GET', '/tenants'),
  createTenant: (tenant) => request('POST', '/tenants', tenant),
  updateTenant: (tenantId, changes) => request('PATCH', `/tenants/${seg(tenantId)}`, changes),

  listFeatures: (tenantId) => request('GET', `/tenants/${seg(tenantId)}/features`),
  /** @param {{enabled: boolean, settings?: object}} change */
  updateFeature: (tenantId, featureId, change) =>
    request('PUT', `/tenants/${seg(tenantId)}/features/${seg(featureId)}`, change),

  listConnectors: (tenantId) => request('GET', `/tenants/${seg(tenantId)}/connectors`),
  updateConnector: (tenantId, connectorId, settings) =>
    request('PUT', `/tenants/${seg(tenantId)}/connectors/${seg(connectorId)}`, { settings }),

  listMessages: (tenantId, limit = 50) => request('GET', `/tenants/${seg(tenantId)}/messages?limit=${limit}`),
  listEvents: (tenantId, limit = 50) => request('GET', `/tenants/${seg(tenantId)}/events?limit=${limit}`),
};
