// A dead message in the messages list: its badge, its error in plain words, its status history; then "Resend".
import { run } from './panel.mjs';

await run(async (page, { signIn, open, screenshot }) => {
  await signIn();
  await open('messages');
  const message = page.locator('li.message').first();
  await message.waitFor();
  const badge = (await message.locator('.badge').first().textContent()).trim();
  const error = (await message.locator('.message-error').textContent()).replace(/\s+/g, ' ').trim();
  await message.getByRole('button', { name: 'Details' }).click();
  const history = message.locator('.message-history li');
  await history.first().waitFor();
  const timeline = (await history.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
  await screenshot('messages-dead');
  await message.getByRole('button', { name: 'Resend' }).click();
  const resent = page.locator('li.message .notice');
  await resent.waitFor();
  const notice = (await resent.textContent()).trim();
  return { badge, error, timeline, notice };
});
