import { expect, it } from 'vitest';
import {
  emptyCampaign,
  fromApi,
  fromDuration,
  moveStep,
  newStep,
  stepErrors,
  stepFigures,
  toApi,
  toDuration,
  transitions,
} from './campaign.js';

it('waits convert between amount and unit and ISO-8601, Java style PT24H included', () => {
  expect(toDuration(30, 'minutes')).toBe('PT30M');
  expect(toDuration(2, 'hours')).toBe('PT2H');
  expect(toDuration(7, 'days')).toBe('P7D');
  expect(fromDuration('PT24H')).toEqual({ amount: 1, unit: 'days' });
  expect(fromDuration('PT1H30M')).toEqual({ amount: 90, unit: 'minutes' });
  expect(fromDuration('P7D')).toEqual({ amount: 7, unit: 'days' });
  expect(fromDuration('soon')).toBeNull();
});

it('a new campaign starts with a wait and a send step with distinct ids', () => {
  const form = emptyCampaign();
  expect(form.steps.map((step) => step.id)).toEqual(['wait-1', 'send-1']);
  expect(newStep('wait', form.steps).id).toBe('wait-2');
});

it('toApi writes every step type as the drips API reads it', () => {
  const form = emptyCampaign();
  form.name = '  Welcome ';
  form.steps[1] = { ...form.steps[1], template: 'welcome_1', variables: [{ name: 'first_name', value: '{{contact.firstName|there}}' }, { name: ' ', value: 'x' }] };
  form.steps.push({ ...newStep('condition', form.steps), tag: 'vip', then: 'add-tag-1' });
  form.steps.push({ ...newStep('add-tag', form.steps), tag: 'welcomed' });
  form.steps.push({ ...newStep('condition', form.steps), test: 'attribute', attribute: 'tier', equals: 'gold', then: 'end', else: 'add-tag-1' });
  form.windowOn = true;
  form.goals = ['order.created'];

  expect(toApi(form)).toEqual({
    name: 'Welcome',
    trigger: 'api',
    steps: [
      { id: 'wait-1', type: 'wait', duration: 'PT1H' },
      { id: 'send-1', type: 'send', template: 'welcome_1', language: 'en_US', variables: { first_name: '{{contact.firstName|there}}' } },
      { id: 'condition-1', type: 'condition', tag: 'vip', then: 'add-tag-1' },
      { id: 'add-tag-1', type: 'add-tag', tag: 'welcomed' },
      { id: 'condition-2', type: 'condition', attribute: 'tier', equals: 'gold', then: 'end', else: 'add-tag-1' },
    ],
    window: { days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], from: '09:00', to: '20:00' },
    reentry: { policy: 'never' },
    holdoutPercent: 0,
    goals: ['order.created'],
  });
  expect(toApi(form, { withTrigger: false })).not.toHaveProperty('trigger');
});

it('fromApi and toApi round-trip a stored campaign', () => {
  const stored = {
    name: 'Cart',
    trigger: 'checkout.created',
    steps: [
      { id: 'w', type: 'wait', duration: 'PT24H' },
      { id: 's', type: 'send', template: 'abandoned_cart_1', language: 'en_US', variables: { cart_url: '{{event.recoveryUrl}}' } },
      { id: 'u', type: 'wait-until', time: '10:00' },
    ],
    window: { days: ['MON'], from: '09:00', to: '20:00' },
    reentry: { policy: 'after', days: 7 },
    holdoutPercent: 10,
    goals: ['order.created'],
  };
  const { trigger, ...rest } = stored;
  expect(toApi(fromApi(stored), { withTrigger: false })).toEqual({ ...rest, steps: [{ id: 'w', type: 'wait', duration: 'P1D' }, ...rest.steps.slice(1)] });
  expect(trigger).toBe('checkout.created');
});

it('moveStep, stepErrors, stepFigures and transitions', () => {
  expect(moveStep(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  expect(moveStep(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  expect(stepErrors({ 'steps[1].duration': 'too long', 'steps[10].tag': 'x', name: 'y' }, 1)).toEqual({ duration: 'too long' });
  const figures = { steps: [{ id: 's', messaged: { sent: 4, capped: 1 }, holdout: { sent: 2 } }] };
  expect(stepFigures(figures, 's')).toEqual({ sent: 4, capped: 1, holdoutSent: 2 });
  expect(stepFigures(null, 's')).toEqual({ sent: 0, capped: 0, holdoutSent: 0 });
  expect(transitions('draft').map((t) => t.action)).toEqual(['activate', 'archive']);
  expect(transitions('paused').map((t) => t.action)).toEqual(['resume', 'archive']);
  expect(transitions('archived')).toEqual([]);
});
