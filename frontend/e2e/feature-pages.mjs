// Feature pages drawn from what the features declare: the OTP verifications list (one started by API), its
// detail view, a verification started from the declared form, and the other enabled features' pages.
import { run } from './panel.mjs';

await run(async (page, { signIn, open, screenshot }) => {
  await signIn();
  await open('records');
  const nav = page.getByRole('navigation', { name: 'Feature pages' });
  await nav.getByRole('link', { name: 'Verifications' }).click();
  const table = page.getByRole('table', { name: 'Verifications' });
  const row = table.locator('tbody tr', { hasText: '+4915112340001' });
  await row.waitFor();
  const cells = (await row.locator('td').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
  const headers = (await table.locator('th').allTextContents()).map((text) => text.trim()).filter(Boolean);

  await page.getByText('New', { exact: true }).click();
  await page.getByLabel(/^Number\s*\*?$/).fill('+4915112340002');
  await page.getByLabel(/^Purpose\s*\*?$/).fill('signup');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await table.locator('tbody tr', { hasText: '+4915112340002' }).waitFor();
  await page.getByLabel('Status', { exact: true }).selectOption('pending');
  await table.locator('tbody tr', { hasText: '+4915112340002' }).waitFor();
  await screenshot('feature-pages-verifications');

  await row.getByRole('link', { name: 'Open' }).click();
  const details = page.getByRole('region', { name: 'Details' });
  await details.waitFor();
  const detail = (await details.textContent()).replace(/\s+/g, ' ').trim();
  await screenshot('feature-pages-verification-detail');

  const pages = (await nav.getByRole('link').allTextContents()).map((text) => text.trim());
  for (const title of ['Orders', 'Invoices', 'Campaigns']) {
    if (!pages.includes(title)) continue;
    await nav.getByRole('link', { name: title, exact: true }).click();
    await page.getByRole('heading', { name: title, exact: true }).waitFor();
    await page.locator('text=Loading…').waitFor({ state: 'detached' });
    await screenshot(`feature-pages-${title.toLowerCase()}`);
  }
  return { cells, headers, detail, pages };
});
