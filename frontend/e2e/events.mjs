// The events page: filter by status, open a dead event's payload, replay it.
import { run } from './panel.mjs';

await run(async (page, { signIn, open, screenshot }) => {
  await signIn();
  await open('events');
  await page.getByLabel('Status').selectOption('done');
  await page.getByText('No events match the filter.').waitFor();
  await page.getByLabel('Status').selectOption('dead');
  const row = page.locator('tr.event-row').first();
  await row.waitFor();
  const rows = await page.locator('tr.event-row').count();
  const badge = (await row.locator('.badge').textContent()).trim();
  await row.getByRole('button', { name: 'Details' }).click();
  const payload = await page.locator('pre.payload').textContent();
  await screenshot('events-dead');
  await row.getByRole('button', { name: 'Replay' }).click();
  const notice = (await page.locator('.event-error .notice').textContent()).trim();
  return { rows, badge, payload, notice };
});
