// The campaign builder's model: a drips campaign as the form edits it, and back to the API's JSON
// (plugins/drips/README.md). Waits are edited as an amount and a unit; the API speaks ISO-8601 durations.

export const STEP_TYPES = [
  { type: 'wait', label: 'Wait' },
  { type: 'wait-until', label: 'Wait until a time of day' },
  { type: 'send', label: 'Send a template' },
  { type: 'condition', label: 'Condition' },
  { type: 'add-tag', label: 'Add a tag' },
  { type: 'remove-tag', label: 'Remove a tag' },
];

export const TRIGGERS = [
  { value: 'api', label: 'Enrolled by API or by hand' },
  { value: 'checkout.created', label: 'Checkout started (abandoned cart)' },
  { value: 'order.fulfilled', label: 'Order fulfilled (post-purchase)' },
];

export const GOALS = ['order.created', 'order.paid', 'order.fulfilled'];
export const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const UNITS = { minutes: 1, hours: 60, days: 1440 };

/** What a new campaign starts as. */
export function emptyCampaign() {
  const wait = newStep('wait', []);
  return {
    name: '',
    trigger: 'api',
    steps: [wait, newStep('send', [wait])],
    windowOn: false,
    window: { days: [...DAYS], from: '09:00', to: '20:00' },
    reentry: { policy: 'never', days: 7 },
    holdoutPercent: 0,
    goals: [],
  };
}

/** A step id of this type not yet used: wait-1, wait-2 … */
export function uniqueId(type, steps) {
  const taken = new Set(steps.map((step) => step.id));
  let n = 1;
  while (taken.has(`${type}-${n}`)) n += 1;
  return `${type}-${n}`;
}

/** A new step of `type`, with the defaults its form shows. */
export function newStep(type, steps) {
  const step = { id: uniqueId(type, steps), type };
  if (type === 'wait') Object.assign(step, { amount: 1, unit: 'hours' });
  if (type === 'wait-until') step.time = '10:00';
  if (type === 'send') Object.assign(step, { template: '', language: 'en_US', variables: [] });
  if (type === 'condition') Object.assign(step, { test: 'tag', tag: '', attribute: '', equals: '', then: 'end', else: '' });
  if (type === 'add-tag' || type === 'remove-tag') step.tag = '';
  return step;
}

/** An ISO-8601 duration of `amount` `unit`s (minutes, hours, days): PT30M, PT2H, P7D. */
export function toDuration(amount, unit) {
  const n = Math.round(Number(amount));
  if (unit === 'days') return `P${n}D`;
  return unit === 'minutes' ? `PT${n}M` : `PT${n}H`;
}

/** A duration as the largest whole unit: PT24H → {amount: 1, unit: 'days'}; null when unreadable. */
export function fromDuration(iso) {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso ?? '');
  if (!match) return null;
  const [, d = 0, h = 0, m = 0] = match.map((part) => (part === undefined ? 0 : part));
  const minutes = Number(d) * 1440 + Number(h) * 60 + Number(m);
  for (const unit of ['days', 'hours']) {
    if (minutes > 0 && minutes % UNITS[unit] === 0) return { amount: minutes / UNITS[unit], unit };
  }
  return { amount: minutes, unit: 'minutes' };
}

/** A campaign from the API as the form edits it. */
export function fromApi(campaign) {
  return {
    name: campaign.name,
    trigger: campaign.trigger,
    steps: campaign.steps.map(stepFromApi),
    windowOn: !!campaign.window,
    window: campaign.window ? { ...campaign.window, days: [...campaign.window.days] } : { days: [...DAYS], from: '09:00', to: '20:00' },
    reentry: { policy: campaign.reentry?.policy ?? 'never', days: campaign.reentry?.days ?? 7 },
    holdoutPercent: campaign.holdoutPercent ?? 0,
    goals: [...(campaign.goals ?? [])],
  };
}

function stepFromApi(step) {
  const form = newStep(step.type, []);
  form.id = step.id;
  if (step.type === 'wait') Object.assign(form, fromDuration(step.duration) ?? { amount: 1, unit: 'hours' });
  if (step.type === 'wait-until') form.time = step.time;
  if (step.type === 'send') {
    Object.assign(form, { template: step.template, language: step.language ?? 'en_US' });
    form.variables = Object.entries(step.variables ?? {}).map(([name, value]) => ({ name, value }));
  }
  if (step.type === 'condition') {
    Object.assign(form, { test: step.attribute ? 'attribute' : 'tag', tag: step.tag ?? '', attribute: step.attribute ?? '' });
    Object.assign(form, { equals: step.equals ?? '', then: step.then ?? 'end', else: step.else ?? '' });
  }
  if (step.type === 'add-tag' || step.type === 'remove-tag') form.tag = step.tag;
  return form;
}

/** The form as the API's JSON; `trigger` only for a new campaign (an edit keeps it). */
export function toApi(form, { withTrigger = true } = {}) {
  const body = {
    name: form.name.trim(),
    steps: form.steps.map(stepToApi),
    reentry: form.reentry.policy === 'after' ? { policy: 'after', days: Number(form.reentry.days) } : { policy: 'never' },
    holdoutPercent: Number(form.holdoutPercent) || 0,
    goals: [...form.goals],
  };
  if (withTrigger) body.trigger = form.trigger;
  if (form.windowOn) body.window = { days: [...form.window.days], from: form.window.from, to: form.window.to };
  return body;
}

function stepToApi(step) {
  const out = { id: step.id, type: step.type };
  if (step.type === 'wait') out.duration = toDuration(step.amount, step.unit);
  if (step.type === 'wait-until') out.time = step.time;
  if (step.type === 'send') {
    Object.assign(out, { template: step.template.trim(), language: step.language.trim() || undefined });
    out.variables = Object.fromEntries(step.variables.filter((v) => v.name.trim()).map((v) => [v.name.trim(), v.value]));
  }
  if (step.type === 'condition') {
    if (step.test === 'attribute') {
      out.attribute = step.attribute.trim();
      if (step.equals !== '') out.equals = step.equals;
    } else {
      out.tag = step.tag.trim();
    }
    out.then = step.then;
    if (step.else) out.else = step.else;
  }
  if (step.type === 'add-tag' || step.type === 'remove-tag') out.tag = step.tag.trim();
  return out;
}

/** The steps with the one at `index` moved by `delta` (−1 up, +1 down); unchanged at the ends. */
export function moveStep(steps, index, delta) {
  const target = index + delta;
  if (target < 0 || target >= steps.length) return steps;
  const moved = [...steps];
  [moved[index], moved[target]] = [moved[target], moved[index]];
  return moved;
}

/** The API's field errors of step `index` (`steps[2].duration` → {duration: …}). */
export function stepErrors(errors, index) {
  const prefix = `steps[${index}].`;
  return Object.fromEntries(
    Object.entries(errors ?? {})
      .filter(([field]) => field.startsWith(prefix))
      .map(([field, message]) => [field.slice(prefix.length), message]),
  );
}

/** The campaign's figures of one step: `{sent, capped, holdoutSent}`, zeros when none. */
export function stepFigures(figures, stepId) {
  const step = figures?.steps?.find((s) => s.id === stepId);
  return { sent: step?.messaged?.sent ?? 0, capped: step?.messaged?.capped ?? 0, holdoutSent: step?.holdout?.sent ?? 0 };
}

/** What can be done to a campaign in this status: [{action, label}]. */
export function transitions(status) {
  const next = {
    draft: [{ action: 'activate', label: 'Activate' }],
    active: [{ action: 'pause', label: 'Pause' }],
    paused: [{ action: 'resume', label: 'Resume' }],
  };
  return status === 'archived' ? [] : [...(next[status] ?? []), { action: 'archive', label: 'Archive' }];
}
