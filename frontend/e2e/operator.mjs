// The operator's page: find a tenant by search, change its plan, suspend and reactivate it, try a name another
// tenant has (refused, shown at the field), then rename it. TENANT's twin `${TENANT}-twin` is named "Shop <twin>".
import { env, run } from './panel.mjs';

await run(async (page, { signIn, screenshot }) => {
  page.on('dialog', (dialog) => dialog.accept());
  await signIn();
  await page.getByRole('link', { name: 'All tenants' }).click();
  await page.getByLabel('Search', { exact: true }).fill(env.tenant);
  const row = page.getByRole('table', { name: 'Tenants' }).locator('tbody tr', { has: page.locator(`code:text-is("${env.tenant}")`) });
  await row.waitFor();
  await page.getByText('1–2 of 2').waitFor(); // the search's answer, not the first page of all tenants
  const rows = await page.getByRole('table', { name: 'Tenants' }).locator('tbody tr').count();
  const name = await row.locator('a').first().textContent();

  const patched = () => page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/tenants/'));
  await Promise.all([patched(), row.getByRole('combobox').selectOption('pro')]);
  await row.getByRole('button', { name: 'Suspend' }).click();
  await row.getByText('suspended', { exact: true }).waitFor();
  await screenshot('operator');
  await row.getByRole('button', { name: 'Reactivate' }).click();
  await row.getByText('active', { exact: true }).waitFor();

  await row.getByRole('button', { name: 'Rename' }).click();
  const input = page.getByLabel(`New name of ${env.tenant}`);
  await input.fill(`Shop ${env.tenant}-twin`);
  await page.getByRole('button', { name: 'Save name' }).click();
  const refused = await row.locator('.field-error').textContent();
  await screenshot('operator-duplicate-name');
  await input.fill(`Renamed ${env.tenant}`);
  await page.getByRole('button', { name: 'Save name' }).click();
  await row.getByRole('link', { name: `Renamed ${env.tenant}` }).waitFor();
  const usage = (await row.locator('td').nth(3).textContent()).replace(/\s+/g, ' ').trim();
  return { rows, name, refused, usage };
});
