// The Team page: invite someone as admin, see the invitation's tenant, role and email (and its link, shown once),
// and what its link's page says, then revoke it.
import { run } from './panel.mjs';

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
  return { link, cells, members, preview };
});
