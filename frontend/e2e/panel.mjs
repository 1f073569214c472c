// Drives the panel in Debian's Chromium (never a downloaded browser) through playwright-core, for the hub's
// browser tests (hub/src/test/java/io/wahub/hub/panel/PanelBrowser.java runs these scripts).
//
// Environment: HUB_URL (the running hub), EMAIL and PASSWORD (who signs in), TENANT (the tenant the scenario
// looks at), SCREENSHOTS (directory for page screenshots), CHROMIUM (default /usr/bin/chromium).
// A scenario prints nothing itself: it returns facts (texts seen, widths, …) and `run` prints them as one JSON
// line on stdout, with every console error and uncaught page error the page produced.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const env = {
  hub: process.env.HUB_URL,
  email: process.env.EMAIL,
  password: process.env.PASSWORD,
  tenant: process.env.TENANT,
  screenshots: process.env.SCREENSHOTS ?? 'target/screenshots',
};

/** Runs `scenario(page, tools)` in a fresh headless Chromium with a viewport of `width` × `height`. */
export async function run(scenario, { width = 1280, height = 900 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'wahub-chromium-'));
  const errors = [];
  // Before signing in, the panel's GET /session answers 401 by design; Chromium logs that as a console error.
  const expected = { unauthorized: true };
  let browser;
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      viewport: { width, height },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    browser = context;
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30000); // a loaded CI machine can take long to render the first page
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (expected.unauthorized && /status of 401\b/.test(message.text())) return;
      errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    mkdirSync(env.screenshots, { recursive: true });
    const tools = {
      screenshot: (name) => page.screenshot({ path: join(env.screenshots, `${name}.png`), fullPage: true }),
      signIn: async () => {
        await signIn(page);
        expected.unauthorized = false;
      },
      open: (section) => open(page, section),
    };
    const facts = await scenario(page, tools);
    console.log(JSON.stringify({ ok: true, facts, errors }));
  } catch (error) {
    console.log(JSON.stringify({ ok: false, failure: String(error?.stack ?? error), errors }));
  } finally {
    await browser?.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}

async function signIn(page) {
  await page.goto(env.hub + '/');
  await page.getByLabel('Email').fill(env.email);
  await page.getByLabel('Password', { exact: true }).fill(env.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Opens a section of the scenario's tenant, e.g. `messages`, and waits for its tab to be the current one. */
async function open(page, section) {
  await page.goto(`${env.hub}/#/${encodeURIComponent(env.tenant)}/${section}`);
  await page.locator(`nav.tabs a[aria-current="page"][href$="/${section}"]`).waitFor();
}

/** How far the page scrolls sideways (0: not at all). */
export function sidewaysScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
