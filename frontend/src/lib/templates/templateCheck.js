// The template editor's checks and preview, as the hub's TemplateValidator holds templates to Meta's rules:
// variables are named ({{order_number}}), every variable needs an example and every example a variable. The hub
// checks again on save; these give the same answer while typing.

const NAME = '[a-z][a-z0-9_]*';
const PLACEHOLDER = new RegExp(`\\{\\{(${NAME})\\}\\}`, 'g');
const ANY = /\{\{[^{}]*\}\}|\{\{|\}\}/g;

export const LIMITS = { name: 512, header: 60, body: 1024, footer: 60, buttonText: 25, buttons: 10 };

/** The distinct variable names in `text`, in order of appearance. */
export function variablesIn(text) {
  return [...new Set([...(text ?? '').matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/** The first malformed placeholder (`{{1}}`, `{{ Name }}`, a lone `{{`), or null. */
export function firstMalformed(text) {
  for (const match of (text ?? '').matchAll(ANY)) {
    if (!new RegExp(`^\\{\\{${NAME}\\}\\}$`).test(match[0])) return match[0];
  }
  return null;
}

/** The variables of a template in order (header, body, URL buttons), as the hub lists them. */
export function templateVariables(t) {
  if (t.category === 'AUTHENTICATION') return ['code'];
  const names = [...variablesIn(t.header), ...variablesIn(t.body)];
  for (const button of t.buttons ?? []) {
    if (button.type === 'URL') names.push(...variablesIn(button.url));
    if (button.type === 'COPY_CODE' && button.variable) names.push(button.variable);
  }
  return [...new Set(names)];
}

function checkText(errors, field, value, max, noVariables) {
  if (!value) return;
  const malformed = firstMalformed(value);
  if (value.length > max) errors[field] = `at most ${max} characters`;
  else if (malformed) errors[field] = `malformed placeholder '${malformed}': write variables as {{lowercase_name}}`;
  else if (noVariables && variablesIn(value).length > 0) errors[field] = 'no variables allowed';
}

/** Field → error for the template as typed (empty object: valid); field names as the hub's problem uses them. */
export function templateErrors(t) {
  const errors = {};
  if (!t.name?.trim()) errors.name = 'required';
  else if (t.name.length > LIMITS.name) errors.name = `at most ${LIMITS.name} characters`;
  else if (!/^[a-z0-9_]+$/.test(t.name)) errors.name = 'only lowercase letters, digits and underscores';
  if (!t.language?.trim()) errors.language = 'required';
  else if (!/^[a-z]{2,3}(_[A-Z]{2,3})?$/.test(t.language)) errors.language = 'a language code such as en_US, es or pt_BR';
  if (!['MARKETING', 'UTILITY', 'AUTHENTICATION'].includes(t.category)) {
    errors.category = 'one of AUTHENTICATION, MARKETING, UTILITY';
    return errors;
  }
  if (t.category === 'AUTHENTICATION') return errors; // Meta's fixed text: the hub checks the rest
  checkText(errors, 'header', t.header, LIMITS.header, false);
  if (!errors.header && variablesIn(t.header).length > 0 && [...(t.header ?? '').matchAll(PLACEHOLDER)].length > 1) {
    errors.header = 'at most one variable';
  }
  if (!t.body?.trim()) errors.body = 'required';
  else checkText(errors, 'body', t.body, LIMITS.body, false);
  checkText(errors, 'footer', t.footer, LIMITS.footer, true);
  (t.buttons ?? []).forEach((button, i) => {
    const at = `buttons[${i}].`;
    if (button.type === 'QUICK_REPLY' || button.type === 'URL') {
      if (!button.text?.trim()) errors[at + 'text'] = 'required';
      else if (button.text.length > LIMITS.buttonText) errors[at + 'text'] = `at most ${LIMITS.buttonText} characters`;
      else if (firstMalformed(button.text) || variablesIn(button.text).length) errors[at + 'text'] = 'no variables allowed';
    }
    if (button.type === 'URL') {
      if (!button.url?.trim()) errors[at + 'url'] = 'required';
      else if (!new RegExp(`^https?://[^\\s{}]+(\\{\\{${NAME}\\}\\})?$`).test(button.url)) {
        errors[at + 'url'] = 'an http(s) URL with at most one variable, at its end';
      }
    }
  });
  if ((t.buttons ?? []).length > LIMITS.buttons) errors.buttons = `at most ${LIMITS.buttons} buttons`;
  else if ((t.buttons ?? []).filter((b) => b.type === 'URL').length > 2) errors.buttons = 'at most 2 URL buttons';
  const variables = templateVariables(t);
  for (const name of variables) {
    if (!t.examples?.[name]?.trim()) errors[`examples.${name}`] = 'an example is required for every variable';
  }
  for (const name of Object.keys(t.examples ?? {})) {
    if (!variables.includes(name)) errors[`examples.${name}`] = `no variable {{${name}}} in the template`;
  }
  return errors;
}

/** `text` with each variable replaced by its example (a variable without one stays visible as [name]). */
export function fill(text, examples) {
  return (text ?? '').replace(PLACEHOLDER, (_, name) => examples?.[name]?.trim() || `[${name}]`);
}

/** The message as a customer would see it with the examples: header, body, footer and buttons. */
export function preview(t) {
  if (t.category === 'AUTHENTICATION') {
    const code = '123456';
    const lines = [`*${code}* is your verification code.`];
    if (t.authentication?.addSecurityRecommendation) lines[0] += ' For your security, do not share this code.';
    const minutes = t.authentication?.codeExpirationMinutes;
    return { header: '', body: lines[0], footer: minutes ? `This code expires in ${minutes} minutes.` : '',
      buttons: [{ type: 'COPY_CODE', text: 'Copy code' }] };
  }
  return {
    header: fill(t.header, t.examples),
    body: fill(t.body, t.examples),
    footer: t.footer ?? '',
    buttons: (t.buttons ?? []).map((b) => ({ ...b, url: b.url ? fill(b.url, t.examples) : undefined })),
  };
}

/**
 * The examples object kept in step with the variables: a new variable gets an empty example, a removed one's
 * example goes (what was typed for the variables that remain is kept).
 */
export function syncExamples(t, examples) {
  const next = {};
  for (const name of templateVariables(t)) next[name] = examples?.[name] ?? '';
  return next;
}

/** The body the hub takes: blank optional texts left out, buttons trimmed to their type's fields. */
export function toRequest(t) {
  const request = { name: t.name.trim(), language: t.language.trim(), category: t.category };
  if (t.category === 'AUTHENTICATION') {
    request.authentication = t.authentication ?? {};
    request.buttons = [{ type: 'COPY_CODE', text: 'Copy code' }];
    return request;
  }
  for (const field of ['header', 'body', 'footer']) if (t[field]?.trim()) request[field] = t[field];
  request.buttons = (t.buttons ?? []).map((b) => (b.type === 'URL' ? { type: 'URL', text: b.text, url: b.url } : { type: b.type, text: b.text }));
  request.examples = Object.fromEntries(Object.entries(t.examples ?? {}).filter(([, v]) => v?.trim()));
  return request;
}
