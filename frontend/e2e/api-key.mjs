// A scoped API key made in the panel: chosen scopes and expiry, its secret shown once, then revoked.
import { run } from './panel.mjs';

await run(async (page, { signIn, open, screenshot }) => {
  page.on('dialog', (dialog) => dialog.accept());
  await signIn();
  await open('keys');
  await page.getByLabel('New API key').fill('shop backend');
  await page.getByRole('checkbox', { name: /messages:read/ }).uncheck();
  await page.getByRole('checkbox', { name: /contacts:read/ }).check();
  await page.getByLabel('Expires').selectOption({ label: 'in 30 days' });
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = await page.getByLabel('API key secret').inputValue();
  const row = page.locator('tr', { hasText: 'shop backend' });
  await row.waitFor();
  const cells = (await row.locator('td').allTextContents()).map((text) => text.trim());
  await screenshot('keys');
  await row.getByRole('button', { name: 'Revoke' }).click();
  await row.getByText('revoked').waitFor();
  return { secret, cells };
});
