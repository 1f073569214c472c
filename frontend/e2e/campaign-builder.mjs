// The campaign builder: a new campaign with a wait, a template send, a condition and a tag step, saved as a
// draft, then activated; the list shows it active.
import { run } from './panel.mjs';

await run(async (page, { signIn, open, screenshot }) => {
  await signIn();
  await open('campaigns');
  await page.getByRole('link', { name: 'New campaign' }).click();
  await page.locator('#campaign-name').fill('Welcome flow');
  await page.getByLabel('Wait for').fill('2');
  await page.getByLabel('Unit').selectOption('days');
  await page.getByLabel('Template').fill('abandoned_cart_1');
  await page.getByRole('button', { name: 'Add variable' }).click();
  await page.getByLabel('Variable 1 name').fill('first_name');
  await page.getByLabel('Variable 1 value').fill('{{contact.firstName|there}}');
  await page.getByLabel('New step').selectOption('add-tag');
  await page.getByRole('button', { name: 'Add step' }).click();
  await page.locator('#step-2-tag').fill('welcomed');
  await page.getByLabel('New step').selectOption('condition');
  await page.getByRole('button', { name: 'Add step' }).click();
  await page.locator('#step-3-tag').fill('vip');
  await page.locator('#step-3-then').selectOption('end');
  await page.getByRole('button', { name: 'Move step 4 up' }).click();
  await screenshot('campaign-builder-new');
  await page.getByRole('button', { name: 'Create draft' }).click();

  await page.getByRole('button', { name: 'Activate' }).waitFor();
  const draft = (await page.locator('.campaign-head h2').textContent()).replace(/\s+/g, ' ').trim();
  await page.getByRole('button', { name: 'Activate' }).click();
  await page.getByRole('status').getByText('Campaign is active.').waitFor();
  const figures = await page.getByLabel('Figures of step send-1').textContent();
  await screenshot('campaign-builder');

  await page.getByRole('link', { name: '← Campaigns' }).click();
  const row = page.getByRole('table', { name: 'Campaigns' }).locator('tr', { hasText: 'Welcome flow' });
  await row.waitFor();
  const cells = (await row.locator('td').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
  await screenshot('campaigns');
  return { draft, figures: figures.replace(/\s+/g, ' ').trim(), cells };
});
