// Turns the JSON Schema the hub publishes for a plugin's settings into a list of form fields,
// the form's starting values, and the payload to send back. No Svelte here: the components only
// render what these functions decide, which keeps this logic testable on its own.

/** The value the hub sends in place of a secret that is set. */
export const MASK = '••••';

/**
 * The kind of field a schema property is drawn with; the registry maps each kind to a component.
 * @param {object} property one entry of the schema's `properties`
 * @returns {'secret'|'enum'|'boolean'|'number'|'string'|'list'|'unsupported'}
 */
export function fieldKind(property) {
  if (property['x-secret'] || property.writeOnly || property.format === 'password') return 'secret';
  if (Array.isArray(property.enum)) return 'enum';
  switch (baseType(property)) {
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'number':
      return 'number';
    case 'string':
    case undefined:
      return 'string';
    case 'array':
      return ['string', 'integer', 'number'].includes(baseType(property.items ?? {})) ? 'list' : 'unsupported';
    default:
      return 'unsupported';
  }
}

function baseType(property) {
  return Array.isArray(property.type) ? property.type.find((type) => type !== 'null') : property.type;
}

/**
 * @typedef {object} Field
 * @property {string} name      the settings key
 * @property {string} kind      see fieldKind
 * @property {string} label     the schema's title, else the key made readable
 * @property {string} help      the schema's description
 * @property {boolean} required
 * @property {object} schema    the property's own schema (enum, minimum, default, …)
 */

/** @returns {Field[]} in the schema's declaration order */
export function fieldsFromSchema(schema) {
  const required = new Set(schema?.required ?? []);
  return Object.entries(schema?.properties ?? {}).map(([name, property]) => ({
    name,
    kind: fieldKind(property),
    label: property.title || humanize(name),
    help: property.description ?? '',
    required: required.has(name),
    schema: property,
  }));
}

/** `defaultCountry` → `Default country`, `shop_domain` → `Shop domain` */
export function humanize(name) {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The values a form starts from: the stored settings, else the schema default, else empty.
 * Secrets always start empty: the stored value is never known to the panel.
 */
export function initialValues(fields, settings = {}) {
  return Object.fromEntries(fields.map((field) => [field.name, initialValue(field, settings?.[field.name])]));
}

function initialValue(field, stored) {
  if (field.kind === 'secret') return '';
  if (stored !== undefined && stored !== null) return stored;
  if (field.schema.default !== undefined) return field.schema.default;
  if (field.kind === 'boolean') return false;
  return field.kind === 'list' ? [] : '';
}

/** Whether the hub holds a value for a secret field (it answers the mask, or nothing when unset). */
export function isSecretSet(settings, name) {
  const value = settings?.[name];
  return value !== undefined && value !== null && value !== '';
}

/**
 * The `settings` object to send. A secret is sent only when a new value was typed, so an
 * untouched secret is left out and the hub keeps what it has. An emptied field is sent as null,
 * which the hub takes as "unset" (its default applies); fields the panel cannot edit are sent
 * back as they came.
 */
export function toPayload(fields, values) {
  const payload = {};
  for (const field of fields) {
    const value = values[field.name];
    switch (field.kind) {
      case 'secret':
        if (typeof value === 'string' && value !== '' && value !== MASK) payload[field.name] = value;
        break;
      case 'number':
        payload[field.name] = isEmpty(value) ? null : Number(value);
        break;
      case 'boolean':
        payload[field.name] = Boolean(value);
        break;
      case 'list':
        payload[field.name] = Array.isArray(value) ? value : null;
        break;
      case 'unsupported':
        if (!isEmpty(value)) payload[field.name] = value;
        break;
      default: // string, enum
        payload[field.name] = isEmpty(value) ? null : value;
    }
  }
  return payload;
}

function isEmpty(value) {
  return value === '' || value === null || value === undefined;
}

/**
 * A list setting edited as text, one item per line: blank lines are dropped, and items of an
 * integer or number list become numbers when they look like one (the hub reports the others).
 */
export function parseLines(text, itemType = 'string') {
  const numeric = itemType === 'integer' || itemType === 'number';
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => (numeric && Number.isFinite(Number(line)) ? Number(line) : line));
}

/**
 * Splits a problem's `errors` into those a field of this form shows inline and the rest.
 * The hub may key a field as `webhookSecret` or as `settings.webhookSecret`.
 */
export function splitErrors(fields, errors) {
  const names = new Set(fields.map((field) => field.name));
  const byField = {};
  const other = {};
  for (const [key, message] of Object.entries(errors ?? {})) {
    const name = key.replace(/^settings\./, '');
    if (names.has(name)) byField[name] = message;
    else other[key] = message;
  }
  return { byField, other };
}
