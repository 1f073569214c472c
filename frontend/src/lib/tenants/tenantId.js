// Tenant ids as the hub accepts them: 3–40 lowercase letters, digits and dashes, not starting or
// ending with a dash.
export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;

export function isValidTenantId(id) {
  return TENANT_ID_PATTERN.test(id);
}

/** A tenant id suggested from a display name: `Acme Shop!` → `acme-shop`. */
export function suggestTenantId(name) {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}
