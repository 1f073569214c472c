// A one-time code started through the otp feature's API arrives in the sandbox phone of a number the admin opens:
// the admin reads the code there (the test then checks it through the API).
import { run } from './panel.mjs';

const PHONE = '+4915112345679';

await run(async (page, { signIn, open, screenshot }) => {
  await signIn();
  await open('phone');
  await page.getByLabel('Write as another number').fill('+49 151 1234 5679');
  await page.getByRole('button', { name: 'Open chat' }).click();
  const message = page.locator('.bubble-text', { hasText: 'is your verification code' });
  await message.waitFor();
  const text = (await message.textContent()).trim();
  const copyButton = (await page.locator('.bubble-button').first().textContent()).replace(/\s+/g, ' ').trim();
  const chosen = await page.getByLabel('Customer', { exact: true }).evaluate((select) => select.selectedOptions[0]?.textContent ?? '');
  await screenshot('sandbox-phone-otp');
  const code = /\*(\d+)\* is your verification code/.exec(text)?.[1] ?? null;
  return { text, code, copyButton, chosen: chosen.trim(), phone: PHONE };
});
