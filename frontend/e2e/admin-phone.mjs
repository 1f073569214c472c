// The team, feature, campaign and operator pages on a 390 px wide phone: how far each scrolls sideways.
import { env, run, sidewaysScroll } from './panel.mjs';

await run(
  async (page, { signIn, open, screenshot }) => {
    await signIn();
    const sideways = {};
    for (const section of ['team', 'records', 'campaigns']) {
      await open(section);
      await page.waitForLoadState('networkidle');
      await screenshot(`phone-${section}`);
      sideways[section] = await sidewaysScroll(page);
    }
    await page.goto(`${env.hub}/#/-/operator`);
    await page.getByRole('table', { name: 'Tenants' }).waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot('phone-operator');
    sideways.operator = await sidewaysScroll(page);
    return { sideways };
  },
  { width: 390, height: 844 },
);
