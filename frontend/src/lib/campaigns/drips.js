// The drips feature's API, as the campaign builder calls it (plugins/drips/README.md).
import { api, queryString } from '../api.js';

const call = (tenantId, method, path, body) => api.featureCall(tenantId, 'drips', method, path, body);
const one = (id) => `/campaigns/${encodeURIComponent(id)}`;

export const drips = {
  list: (tenantId, status) => call(tenantId, 'GET', `/campaigns${queryString({ status })}`),
  get: (tenantId, id) => call(tenantId, 'GET', one(id)),
  create: (tenantId, body) => call(tenantId, 'POST', '/campaigns', body),
  update: (tenantId, id, body) => call(tenantId, 'PUT', one(id), body),
  /** @param {'activate'|'pause'|'resume'|'archive'} action */
  move: (tenantId, id, action) => call(tenantId, 'POST', `${one(id)}/${action}`),
  figures: (tenantId, id) => call(tenantId, 'GET', `${one(id)}/figures`),
};
