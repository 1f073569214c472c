// Going live from the connectors page: the channel selector's choices, choosing WhatsApp Cloud, and how the page
// looks once it has (reloaded). Also how tall the connectors section is (unused connectors stay collapsed).
import { run } from './panel.mjs';

await run(async (page, { signIn, open, screenshot }) => {
  await signIn();
  await open('connectors');
  const select = page.locator('select#channel');
  await select.waitFor();
  const offered = await select.locator('option').allTextContents();
  const openForms = await page.locator('article.card details[open] summary').count();
  // the section's own height: the tenant list beside it grows with every tenant of the hub
  const sectionHeight = await page.locator('section.section').evaluate((section) => Math.round(section.getBoundingClientRect().height));
  await screenshot('connectors');

  await select.selectOption('whatsapp-cloud');
  await page.getByText('Saving…').waitFor({ state: 'detached' });
  await page.reload();
  await page.locator('select#channel').waitFor();
  const chosen = await page.locator('select#channel option:checked').textContent();
  const optionsAfter = await page.locator('select#channel option').allTextContents();
  const header = await page.locator('.tenant-header').textContent();
  return { offered, openForms, sectionHeight, chosen, optionsAfter, header: header.replace(/\s+/g, ' ').trim() };
});
