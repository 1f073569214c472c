// The Team page: invite someone as admin, see the invitation's tenant, role and email (and its link, shown once),
// and what its link's page says, then revoke it; then make a member an admin and remove them.
import { env, run } from './panel.mjs';

await run(async (page, { signIn, open, screenshot }) => {
  page.on('dialog', (dialog) => dialog.accept());
  await signIn();
  await open('team');
  await page.getByLabel('Email to invite').fill('New.Admin@Example.test');
  await page.getByLabel('Role', { exact: true }).selectOption('admin');
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const link = await page.getByLabel('Invitation link').inputValue();
  const row = page.getByRole('table', { name: 'Open invitations' }).locator('tr', { hasText: 'new.admin@example.test' });
  await row.waitFor();
  const cells = (await row.locator('td').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
  const members = await page.getByRole('table', { name: 'Members' }).locator('tbody tr').count().catch(() => 0);
  await screenshot('team');

  // signed out, the link's page says which tenant, email and role the invitation is for
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto(link);
  const preview = (await page.getByLabel('Invitation').textContent()).replace(/\s+/g, ' ').trim();
  await screenshot('invitation-accept');

  await signIn();
  await open('team');
  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByText('No open invitations.').waitFor();

  // the tenant's member `member-<tenant>@example.test`: made an admin, then removed
  const email = `member-${env.tenant}@example.test`;
  const member = page.getByRole('table', { name: 'Members' }).locator('tr', { hasText: email });
  const listedAgain = () => page.waitForResponse((r) => r.request().method() === 'GET' && r.url().endsWith('/members'));
  await Promise.all([listedAgain(), member.getByLabel(`Role of ${email}`).selectOption('admin')]);
  const promoted = await member.getByLabel(`Role of ${email}`).inputValue();
  await member.getByRole('button', { name: 'Remove' }).click();
  await member.waitFor({ state: 'detached' });
  return { link, cells, members, preview, promoted };
});
