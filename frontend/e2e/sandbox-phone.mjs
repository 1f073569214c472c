// The sandbox phone with a cash-on-delivery question: the template and its buttons, a tap on Confirm, the
// thank-you, STOP and its confirmation; then the contacts page shows the marketing opt-out and its history, and
// imports a CSV file with one bad line.
import { run } from './panel.mjs';

const PHONE = '+4915112345678';

await run(async (page, { signIn, open, screenshot }) => {
  await signIn();
  await open('phone');
  const customer = page.getByLabel('Customer', { exact: true });
  const value = await customer.locator('option', { hasText: PHONE }).getAttribute('value');
  await customer.selectOption(value);
  const confirm = page.getByRole('button', { name: 'Confirm', exact: false });
  await confirm.waitFor();
  const question = (await page.locator('.bubble', { has: confirm }).locator('.bubble-text').textContent()).trim();
  const buttons = (await page.locator('.bubble', { has: confirm }).locator('.bubble-button').allTextContents())
    .map((text) => text.trim());
  await screenshot('sandbox-phone-question');

  await confirm.click();
  const thanks = page.locator('.bubble:not(.mine) .bubble-text', { hasText: 'is confirmed' });
  await thanks.waitFor();
  const tapShown = (await page.locator('.bubble.mine').last().textContent()).replace(/\s+/g, ' ').trim();

  await page.getByLabel('Message as the customer').fill('STOP');
  await page.keyboard.press('Enter');
  const stopReply = page.locator('.bubble:not(.mine) .bubble-text', { hasText: 'no longer receive marketing' });
  await stopReply.waitFor();
  await screenshot('sandbox-phone');

  await open('contacts');
  await page.getByRole('search', { name: 'Find contacts' }).getByLabel('Search').fill(PHONE);
  await page.getByRole('button', { name: `Open ${PHONE}` }).click();
  const status = page.locator('.consent-marketing .consent-status');
  await page.locator('.consent-history li').first().waitFor();
  const marketing = (await status.textContent()).trim();
  const history = (await page.locator('.consent-history li').first().textContent()).replace(/\s+/g, ' ').trim();
  // the timeline loads on its own: read it once its newest message (the STOP confirmation) is in
  await page.locator('.timeline .timeline-text', { hasText: 'no longer receive marketing' }).waitFor();
  const timeline = (await page.locator('.timeline .timeline-text').allTextContents()).map((t) => t.trim());
  await screenshot('contacts');

  await page.getByLabel('CSV file').setInputFiles({
    name: 'contacts.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('phone,name,tags\n+4915100000031,Anna,vip;newsletter\n12,Broken,\n+4915100000032,Bo,\n'),
  });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const summary = page.locator('.import-summary', { hasText: 'Import finished' });
  await summary.waitFor();
  const progress = await page.locator('#import-bar').evaluate((bar) => bar.value);
  const failures = await page.locator('.import-failures tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.cells].map((cell) => cell.textContent.trim()).join(' | ')));
  await screenshot('contacts-import');
  return { question, buttons, tapShown, marketing, history, timeline, summary: (await summary.textContent()).trim(), progress, failures };
});
