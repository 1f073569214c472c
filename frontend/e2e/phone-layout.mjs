// The panel on a 390 px wide phone: every section, how far each scrolls sideways, and where the content starts.
import { run, sidewaysScroll } from './panel.mjs';

const SECTIONS = ['dashboard', 'features', 'connectors', 'messages', 'events', 'phone', 'contacts', 'templates', 'usage', 'keys', 'audit'];

await run(
  async (page, { signIn, open, screenshot }) => {
    await signIn();
    const sections = {};
    for (const section of SECTIONS) {
      await open(section);
      await page.waitForLoadState('networkidle');
      await screenshot(`phone-${section}`);
      sections[section] = {
        sideways: await sidewaysScroll(page),
        tenantListVisible: await page.locator('.tenant-list').isVisible(),
        contentTop: await page.locator('main.content').evaluate((main) => Math.round(main.getBoundingClientRect().top)),
      };
    }
    await page.getByRole('button', { name: 'Tenants' }).click();
    const listAfterToggle = await page.locator('.tenant-list').isVisible();
    return { sections, listAfterToggle };
  },
  { width: 390, height: 844 },
);
