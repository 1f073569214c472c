// The one way the panel talks to the hub. Every call goes through `request`, which turns
// RFC 7807 problem+json answers (and anything else that is not a 2xx) into an ApiError
// carrying `status`, `title`, `detail` and the per-field `errors` object the forms show inline.
//
// Authentication: the hub keeps a server-side session (cookie JSESSIONID, HttpOnly) and sets a
// readable XSRF-TOKEN cookie on every answer. Requests that change data echo that cookie in the
// X-XSRF-TOKEN header; if there is no cookie yet, `request` first does a GET /session to get one.
// A 401 from anything but the session/invitation endpoints means the session is gone: the
// handler set with `onUnauthorized` is told (the app then shows the sign-in screen).

const BASE = '/api/v1';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'X-XSRF-TOKEN';

/** The XSRF-TOKEN cookie's value, or null (also outside a browser). */
export function csrfToken() {
  const cookies = globalThis.document?.cookie ?? '';
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === CSRF_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

let unauthorizedHandler = null;

/**
 * Sets the function called when a call answers 401 because the caller is not (or no longer) signed
 * in. Returns a function that removes it again.
 * @param {(error: ApiError) => void} handler
 */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
  return () => {
    if (unauthorizedHandler === handler) unauthorizedHandler = null;
  };
}

/** Paths where a 401 is an answer, not an expired session: sign-in, the session probe, accepting an invitation. */
function expectsUnauthorized(path) {
  return path === '/session' || path.startsWith('/session/') || path.startsWith('/invitations/');
}

export class ApiError extends Error {
  /**
   * @param {{status: number, title?: string, detail?: string, type?: string, errors?: Record<string, string>}} problem
   */
  constructor({ status, title, detail, type, errors, retryAfter, ...extensions }) {
    super(detail || title || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title ?? '';
    this.detail = detail ?? '';
    this.type = type ?? 'about:blank';
    this.errors = errors ?? {};
    /** Seconds to wait before trying again (429 answers), or null. */
    this.retryAfter = retryAfter ?? null;
    /** The problem's other members (e.g. the `id` of a 409 contact-exists). */
    this.extensions = extensions;
  }
}

/**
 * Sends one request to the hub and returns the parsed JSON body (null for an empty body).
 * @param {string} method
 * @param {string} path below /api/v1, e.g. `/tenants`
 * @param {unknown} [body] sent as JSON when given
 * @param {{body: string|Blob, contentType: string}} [raw] else a body sent as it is
 */
export async function request(method, path, body, raw) {
  const init = { method, headers: { Accept: 'application/json, application/problem+json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  } else if (raw) {
    // a body sent as it is (a CSV file), with its own content type
    init.headers['Content-Type'] = raw.contentType;
    init.body = raw.body;
  }
  if (UNSAFE.has(method)) {
    const token = csrfToken() ?? (await fetchCsrfToken());
    if (token) init.headers[CSRF_HEADER] = token;
  }

  const response = await send(BASE + path, init);
  const payload = await readBody(response);
  if (response.ok) return payload;
  const error = toApiError(response, payload);
  if (error.status === 401 && !expectsUnauthorized(path)) unauthorizedHandler?.(error);
  throw error;
}

async function send(url, init) {
  try {
    return await fetch(url, init);
  } catch (cause) {
    throw new ApiError({ status: 0, title: 'Network error', detail: `The hub cannot be reached (${cause.message}).` });
  }
}

/** No XSRF-TOKEN cookie yet: any GET makes the hub set one. Its answer (often 401) does not matter. */
async function fetchCsrfToken() {
  const response = await send(BASE + '/session', {
    method: 'GET',
    headers: { Accept: 'application/json, application/problem+json' },
    credentials: 'same-origin',
  });
  await response.text().catch(() => '');
  return csrfToken();
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
  const retryAfter = retryAfterSeconds(response, payload);
  if (payload && typeof payload === 'object') {
    return new ApiError({
      ...payload,
      status: payload.status ?? response.status,
      errors: normalizeErrors(payload.errors),
      retryAfter,
    });
  }
  return new ApiError({
    status: response.status,
    title: response.statusText || 'Request failed',
    detail: `The hub answered ${response.status}${response.statusText ? ' ' + response.statusText : ''}.`,
    retryAfter,
  });
}

/** Retry-After in seconds (the header's number, or an HTTP date), else the problem's retryAfterSeconds. */
function retryAfterSeconds(response, payload) {
  const header = response.headers.get('Retry-After');
  if (header) {
    const trimmed = header.trim();
    if (/^\d+$/.test(trimmed)) return Number(trimmed);
    const date = Date.parse(trimmed);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  }
  const fromBody = payload && typeof payload === 'object' ? Number(payload.retryAfterSeconds) : NaN;
  return Number.isFinite(fromBody) ? fromBody : null;
}

/** Accepts `{"field": "message"}` and also `{"field": ["message", …]}`; returns field → one string. */
function normalizeErrors(errors) {
  if (!errors || typeof errors !== 'object') return {};
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [field, Array.isArray(message) ? message.join(' ') : String(message)]),
  );
}

const seg = encodeURIComponent;

/** The query's entries with a value (undefined, null and '' left out), as strings. */
function definedOnly(query) {
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== '').map(([k, v]) => [k, String(v)]),
  );
}

export const api = {
  /** The signed-in person: `{user: {id, email}, operator, tenants: [{tenantId, tenantName, role}]}`; 401 if none. */
  getSession: () => request('GET', '/session'),
  signIn: (email, password) => request('POST', '/session', { email, password }),
  signOut: () => request('DELETE', '/session'),
  changePassword: (currentPassword, newPassword) => request('PUT', '/session/password', { currentPassword, newPassword }),
  acceptInvitation: (token, password) => request('POST', '/invitations/accept', { token, password }),
  /** Which tenant, email and role an open invitation is for: `{tenant, tenantName, email, role}`; 404 if not open. */
  previewInvitation: (token) => request('POST', '/invitations/preview', { token }),

  /** @param {{q?: string, limit?: number, offset?: number}} [query] a bounded page; the hub's default is 100 */
  listTenants: (query = {}) => request('GET', `/tenants${queryString(query)}`),
  getTenant: (tenantId) => request('GET', `/tenants/${seg(tenantId)}`),
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
  /** `{message, history: [{status, detail, at}]}` */
  getMessage: (tenantId, messageId) => request('GET', `/tenants/${seg(tenantId)}/messages/${seg(messageId)}`),
  /** Queues a dead message again; resolves to the message as it is now. */
  resendMessage: (tenantId, messageId) =>
    request('POST', `/tenants/${seg(tenantId)}/messages/${seg(messageId)}/resend`),
  /** @param {Record<string, string>} [filter] source, type, status, since, until (see events/eventFilter.js) */
  listEvents: (tenantId, limit = 50, filter = {}) =>
    request('GET', `/tenants/${seg(tenantId)}/events?${new URLSearchParams({ limit: String(limit), ...filter })}`),
  /** `{event, payload, messages: [{id, to, status, createdAt}]}` */
  getEvent: (tenantId, eventId) => request('GET', `/tenants/${seg(tenantId)}/events/${seg(eventId)}`),
  /** Hands a dead event to the features again; resolves to the event's detail as it is now. */
  replayEvent: (tenantId, eventId) => request('POST', `/tenants/${seg(tenantId)}/events/${seg(eventId)}/replay`),

  /** @param {string} [month] YYYY-MM; the current month when left out */
  getUsage: (tenantId, month) =>
    request('GET', `/tenants/${seg(tenantId)}/usage${month ? `?month=${seg(month)}` : ''}`),
  listAudit: (tenantId, limit = 100) => request('GET', `/tenants/${seg(tenantId)}/audit?limit=${limit}`),
  listKeys: (tenantId) => request('GET', `/tenants/${seg(tenantId)}/keys`),
  /** Resolves to `{secret, key}`; the secret is shown this once. */
  createKey: (tenantId, key) => request('POST', `/tenants/${seg(tenantId)}/keys`, key),
  deleteKey: (tenantId, keyId) => request('DELETE', `/tenants/${seg(tenantId)}/keys/${seg(keyId)}`),

  /** The dashboard's aggregates of the last `days` days: `{days, messages, funnel, webhooks, quota}`. */
  getDashboard: (tenantId, days = 14) => request('GET', `/tenants/${seg(tenantId)}/dashboard?days=${days}`),
  /** Webhooks that stored nothing (refused, duplicate, ignored), newest first. @param {Record<string,string>} [filter] connector, outcome, reason */
  listWebhookLog: (tenantId, filter = {}) =>
    request('GET', `/tenants/${seg(tenantId)}/webhook-log?${new URLSearchParams({ limit: '50', ...filter })}`),
  /** connector id → its last webhook `{outcome, status, reason, detail, lastAt}` */
  lastWebhooks: (tenantId) => request('GET', `/tenants/${seg(tenantId)}/webhook-log/last`),
  /** Posts a signed sample to the connector's webhook URL; `{status, outcome, reason}` as the vendor would be answered. */
  sendTestEvent: (tenantId, connectorId) =>
    request('POST', `/tenants/${seg(tenantId)}/connectors/${seg(connectorId)}/test-event`),
  // Contacts, the sandbox phone and templates (pages contacts, phone, templates).
  /** @param {{search?: string, tag?: string, consent?: string, cursor?: string, limit?: number}} [query] → `{items, nextCursor}` */
  listContacts: (tenantId, query = {}) =>
    request('GET', `/tenants/${seg(tenantId)}/contacts?${new URLSearchParams(definedOnly(query))}`),
  /** 201 with the contact; 409 `contact-exists` (with its `id`) when the number is taken. */
  createContact: (tenantId, contact) => request('POST', `/tenants/${seg(tenantId)}/contacts`, contact),
  getContact: (tenantId, contactId) => request('GET', `/tenants/${seg(tenantId)}/contacts/${seg(contactId)}`),
  /** @param {{name?: string, tags?: string[]}} changes */
  updateContact: (tenantId, contactId, changes) =>
    request('PATCH', `/tenants/${seg(tenantId)}/contacts/${seg(contactId)}`, changes),
  /** @param {{status: 'opted-in'|'opted-out', source?: string}} decision */
  setConsent: (tenantId, contactId, category, decision) =>
    request('PUT', `/tenants/${seg(tenantId)}/contacts/${seg(contactId)}/consent/${seg(category)}`, decision),
  /** `[{category, status, source, at, recordedAt}]`, newest first */
  getConsentHistory: (tenantId, contactId) =>
    request('GET', `/tenants/${seg(tenantId)}/contacts/${seg(contactId)}/consent/history`),
  /** `{contactId, phone, windowOpen, windowOpenUntil, items: [{direction, id, kind, text, status, at, …}], nextCursor}` */
  getConversation: (tenantId, contactId, limit = 50) =>
    request('GET', `/tenants/${seg(tenantId)}/contacts/${seg(contactId)}/conversation?limit=${limit}`),
  /** Starts a CSV import (the file's text); resolves to the import's progress `{id, status, done, rowsRead, …}`. */
  importContacts: (tenantId, csv) => request('POST', `/tenants/${seg(tenantId)}/contacts/imports`, undefined, {
    body: csv,
    contentType: 'text/csv',
  }),
  /** `{id, status, done, rowsRead, created, updated, failed, error, failures: [{line, error}]}` */
  getContactImport: (tenantId, importId, failuresAfterLine = 0) =>
    request('GET', `/tenants/${seg(tenantId)}/contacts/imports/${seg(importId)}?failuresAfterLine=${failuresAfterLine}`),
  /** What the customer sends from the sandbox phone: `{from, text}` or `{from, buttonPayload, buttonText, replyTo}`. */
  sandboxReply: (tenantId, reply) => request('POST', `/tenants/${seg(tenantId)}/sandbox/replies`, reply),
  listTemplates: (tenantId) => request('GET', `/tenants/${seg(tenantId)}/templates`),
  createTemplate: (tenantId, template) => request('POST', `/tenants/${seg(tenantId)}/templates`, template),
  updateTemplate: (tenantId, templateId, template) =>
    request('PUT', `/tenants/${seg(tenantId)}/templates/${seg(templateId)}`, template),
  /** Sandbox tenants only: sets a template's status by hand (to try a paused or rejected one). */
  setTemplateStatus: (tenantId, templateId, status, reason) =>
    request('PUT', `/tenants/${seg(tenantId)}/templates/${seg(templateId)}/status`, { status, reason }),
  // Team: members and open invitations (owners and admins).
  listMembers: (tenantId) => request('GET', `/tenants/${seg(tenantId)}/members`),
  changeMemberRole: (tenantId, userId, role) =>
    request('PUT', `/tenants/${seg(tenantId)}/members/${seg(userId)}`, { role }),
  removeMember: (tenantId, userId) => request('DELETE', `/tenants/${seg(tenantId)}/members/${seg(userId)}`),
  /** `[{id, tenantId, tenantName, email, role, invitedBy, createdAt, expiresAt}]` */
  listInvitations: (tenantId) => request('GET', `/tenants/${seg(tenantId)}/invitations`),
  /** Resolves to `{id, email, role, expiresAt, token}`; the token is shown this once. */
  createInvitation: (tenantId, invitation) => request('POST', `/tenants/${seg(tenantId)}/invitations`, invitation),
  revokeInvitation: (tenantId, invitationId) =>
    request('DELETE', `/tenants/${seg(tenantId)}/invitations/${seg(invitationId)}`),

  // The platform operator: every tenant, searched and paged, with plan, status and this month's use.
  /** @param {{q?: string, status?: string, limit?: number, offset?: number}} query */
  listOperatorTenants: (query = {}) => request('GET', `/operator/tenants${queryString(query)}`),
  listPlans: () => request('GET', '/plans'),

  /** Calls an operation of a feature's API, `path` relative to its base (`/verifications?status=pending`). */
  featureCall: (tenantId, featureId, method, path, body) =>
    request(method, `/tenants/${seg(tenantId)}/features/${seg(featureId)}${path}`, body),
};

/** `?a=1&b=x` of the query's non-empty values, or '' when none. */
export function queryString(query) {
  const entries = Object.entries(query ?? {}).filter(([, value]) => value !== undefined && value !== null && value !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([key, value]) => [key, String(value)]))}` : '';
}
