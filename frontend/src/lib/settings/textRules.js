// Client-side rules for text the hub would refuse, checked before a save so the person sees them at once: text
// that is only white space, and text over the field's maxLength (which is never cut: a paste stays whole, and the
// counter and the error say by how much it is over).

/** Characters as JSON Schema counts them (code points, so an emoji is one). */
export const textLength = (value) => [...String(value ?? '')].length;

/**
 * The problem of one text value, or null.
 * @param {unknown} value
 * @param {{maxLength?: number}} [schema]
 */
export function textProblem(value, schema = {}) {
  if (typeof value !== 'string' || value === '') return null;
  if (value.trim() === '') return 'must not be only spaces';
  const length = textLength(value);
  if (schema.maxLength != null && length > schema.maxLength) {
    return `is ${length} characters long; the limit is ${schema.maxLength} (${length - schema.maxLength} too many)`;
  }
  return null;
}

/** field name → problem, for the text fields (kind string or secret) of a settings form. */
export function textErrors(fields, values) {
  const errors = {};
  for (const field of fields) {
    if (field.kind !== 'string' && field.kind !== 'secret') continue;
    const problem = textProblem(values[field.name], field.schema);
    if (problem) errors[field.name] = problem;
  }
  return errors;
}

/**
 * After a failed save: moves focus to the first invalid input of `root` (aria-invalid="true"), else to its error
 * banner, so keyboard and screen-reader users land on what to fix. Returns the element focused, or null.
 */
export function focusFirstProblem(root) {
  const target = root?.querySelector('[aria-invalid="true"]') ?? root?.querySelector('.error-banner');
  target?.focus();
  return target ?? null;
}
