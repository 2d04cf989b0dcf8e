import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { startTestGateway } from '../helpers/gateway';
import type { TestGateway } from '../helpers/gateway';

/** Debian's Chromium, installed by `.ci/run` (`apt-get install -y chromium`). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('GraphiQL in a real browser', () => {
  let gw: TestGateway;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: run .ci/run, or apt-get install -y chromium`,
      );
    }
    gw = await startTestGateway({
      sandboxes: { size: 60, rateLimits: { agencyZoom: null } },
      clientDeps: { ratePolicy: () => ({ limit: 100_000, windowMs: 60_000 }) },
    });
    while (!(await gw.app.indexer.runOnce()).sweepDone);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('loads only from our origin, shows the schema docs and runs the combined view of the showcase person', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(gw.url) && !url.startsWith('blob:') && !url.startsWith('data:'))
        foreign.push(url);
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${gw.url}/graphql`, { waitUntil: 'load' });
    // The editor shows our default query: the combined view of the showcase person.
    await page.getByText('CombinedView').first().waitFor({ timeout: 30_000 });

    // The docs explorer lists our root types, loaded by introspection.
    await page.locator('[aria-label="Show Documentation Explorer"]').first().click();
    await page.getByText('Query', { exact: true }).first().waitFor({ timeout: 15_000 });

    // Run the default query (the combined view of the showcase person) with the editor's shortcut.
    await page.locator('.graphiql-query-editor .monaco-editor').first().click();
    await page.keyboard.press('Control+Enter');
    try {
      await page
        .locator('.graphiql-response')
        .getByText('Jordan Avery Rivera')
        .first()
        .waitFor({ timeout: 20_000 });
    } catch (error) {
      // Keep what the browser showed for whoever reads the CI log.
      await page.screenshot({ path: 'test-results/graphiql-failure.png' });
      throw error;
    }
    const response = await page.locator('.graphiql-response').innerText();
    // The response editor renders only the lines in view: the top of the person is enough here
    // (the schema tests check every vendor's part).
    expect(response).toContain('jordan.rivera@example.com');

    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
