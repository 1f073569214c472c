// The templates page: a new template with a positional placeholder is refused while typing, a named variable
// without an example is refused on save (focus on the field), then fixed, previewed and created, approved at once
// on the sandbox. Then every page of this area at 390 px: how far each scrolls sideways.
import { run, sidewaysScroll } from './panel.mjs';

await run(async (page, { signIn, open, screenshot }) => {
  await signIn();
  await open('templates');
  await page.getByRole('button', { name: 'New template' }).click();
  const editor = page.locator('.template-editor');
  await editor.getByLabel('Name', { exact: true }).fill('order_ready');
  const body = editor.getByLabel('Body');
  await body.fill('Hi {{1}}, your order is ready.');
  const bodyError = (await page.locator('.field-error').first().textContent()).trim();
  await body.fill('Hi {{first_name}}, your order {{order_number}} is ready.');
  await page.getByRole('button', { name: 'Create template' }).click();
  const exampleError = (await page.locator('.field-error').first().textContent()).trim();
  const focused = await page.evaluate(() => document.querySelector(`label[for="${document.activeElement.id}"]`)?.textContent ?? '');
  await screenshot('templates-editor-error');
  await editor.getByLabel('Example for {{first_name}}').fill('Jon');
  await editor.getByLabel('Example for {{order_number}}').fill('#1001');
  await page.getByRole('button', { name: 'Add quick reply' }).click();
  await editor.getByLabel('Label').fill('Thanks');
  const errorsAfterFix = await page.locator('.template-editor .field-error').count();
  const preview = (await page.locator('.preview-body').textContent()).trim();
  await screenshot('templates-editor');
  await page.getByRole('button', { name: 'Create template' }).click();
  const notice = (await page.locator('p.notice').textContent()).trim();
  const row = page.locator('.template-row', { hasText: 'order_ready' });
  const status = (await row.locator('.template-status').textContent()).trim();
  await screenshot('templates');
  await row.getByLabel('Status on the sandbox').selectOption('PAUSED');
  const pausedNotice = (await page.locator('p.notice', { hasText: 'is now paused' }).textContent()).trim();
  const paused = (await row.locator('.template-status').textContent()).trim();

  await page.setViewportSize({ width: 390, height: 844 });
  // each page once its content is there; the templates page with the editor open (its widest state)
  const ready = {
    phone: () => page.locator('#phone-contact option', { hasText: 'No contacts yet' }).waitFor({ state: 'attached' }),
    contacts: () => page.locator('.contact-import').waitFor(),
    templates: async () => {
      await page.locator('.template-row').first().waitFor();
      await page.getByRole('button', { name: 'Edit order_ready' }).click();
      await page.locator('.template-editor .preview-body').waitFor();
    },
  };
  const narrow = {};
  for (const section of ['phone', 'contacts', 'templates']) {
    await open(section);
    await ready[section]();
    await screenshot(`phone-${section}`);
    narrow[section] = await sidewaysScroll(page);
  }
  return { bodyError, exampleError, focused: focused.trim(), errorsAfterFix, preview, notice, status, pausedNotice, paused, narrow };
});
