// The pages of the dashboard work: a connector's "send test event" and its last webhook, the refused webhook with
// its reason in the events page, the dashboard's charts drawn, usage in words and the audit log in words.
import { run } from './panel.mjs';

/** Whether a canvas has anything drawn on it (some pixel not fully transparent). */
const drawn = (canvas) =>
  canvas.evaluate((element) => {
    const { width, height } = element;
    if (!width || !height) return false;
    const pixels = element.getContext('2d').getImageData(0, 0, width, height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
    return false;
  });

await run(async (page, { signIn, open, screenshot }) => {
  await signIn();

  await open('connectors');
  const shopify = page.locator('article.card', { has: page.locator('code', { hasText: /^shopify$/ }) });
  await shopify.getByRole('button', { name: 'Send test event' }).click();
  const testResult = (await shopify.locator('.test-event [role="status"]').textContent()).replace(/\s+/g, ' ').trim();
  const lastWebhook = shopify.locator('.last-webhook');
  await lastWebhook.locator('.badge', { hasText: 'ignored' }).waitFor();
  const lastWebhookText = (await lastWebhook.textContent()).replace(/\s+/g, ' ').trim();
  await screenshot('connectors-test-event');

  // Form quality: white space is refused before sending; the hub's refusal too lands focus on the field to fix.
  const focusedLabel = () =>
    page.evaluate(() => document.activeElement?.closest('.field')?.querySelector('label')?.textContent.trim() ?? null);
  await shopify.locator('summary', { hasText: 'Settings' }).click();
  await shopify.getByLabel('Default country').fill('   ');
  await shopify.getByRole('button', { name: 'Save settings' }).click();
  await shopify.locator('.field-error').first().waitFor();
  const blank = { focused: await focusedLabel(), error: (await shopify.locator('.field-error').first().textContent()).trim() };
  await shopify.getByLabel('Default country').fill('DEU');
  await shopify.getByRole('button', { name: 'Save settings' }).click();
  await shopify.locator('.field-error', { hasText: 'two-letter' }).waitFor();
  const refusedByHub = { focused: await focusedLabel(), error: (await shopify.locator('.field-error').first().textContent()).trim() };
  await screenshot('connectors-form-error');

  await open('events');
  await page.getByRole('tab', { name: 'Refused & duplicates' }).click();
  // the filtered list is what is counted: wait for its answer (the unfiltered one may still be on screen)
  await Promise.all([
    page.waitForResponse((response) => response.url().includes('/webhook-log') && response.url().includes('outcome=refused')),
    page.getByLabel('Outcome').selectOption('refused'),
  ]);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const refusedRow = page.locator('table.webhook-log tbody tr').first();
  await refusedRow.waitFor();
  const refused = {
    rows: await page.locator('table.webhook-log tbody tr').count(),
    connector: (await refusedRow.locator('td').nth(1).textContent()).trim(),
    reason: (await refusedRow.locator('.reason').textContent()).trim(),
    status: (await refusedRow.locator('td').nth(4).textContent()).trim(),
  };
  await screenshot('events-refused');

  await open('dashboard');
  const statusChart = page.locator('canvas[data-chart="Messages per day by status"]');
  const webhookChart = page.locator('canvas[data-chart^="Webhooks per connector"]');
  await statusChart.waitFor();
  await webhookChart.waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('canvas[data-chart]')].every((c) => c.width > 0));
  const webhookTable = await page
    .locator('figure.chart', { has: webhookChart })
    .locator('table tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent.trim()).join(' ')));
  const dashboard = {
    charts: await page.locator('canvas[data-chart]').count(),
    statusChartDrawn: await drawn(statusChart),
    webhookChartDrawn: await drawn(webhookChart),
    webhookTable,
    quota: (await page.locator('.dash-quota .usage-figure').textContent()).replace(/\s+/g, ' ').trim(),
  };
  await screenshot('dashboard');

  await open('usage');
  await page.locator('table.events tbody tr').first().waitFor();
  const usageLabels = await page.locator('table.events tbody tr td:first-child').allTextContents();
  await screenshot('usage');

  await open('audit');
  await page.locator('table.events tbody tr').first().waitFor();
  const auditActions = await page.locator('table.events tbody tr td:nth-child(3)').allTextContents();
  const auditActors = await page.locator('table.events tbody tr td:nth-child(2)').allTextContents();
  const auditTargets = await page.locator('table.events tbody tr td:nth-child(4)').allTextContents();
  await screenshot('audit');

  return { testResult, lastWebhookText, blank, refusedByHub, refused, dashboard, usageLabels, auditActions, auditActors, auditTargets };
});
