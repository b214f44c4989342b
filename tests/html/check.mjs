// Checks guidepress HTML exports in Debian's chromium (no browser download):
//   - axe-core with the WCAG 2.0/2.1/2.2 A and AA tags, in the light and the dark colour
//     scheme: every violation is reported;
//   - reflow: at 320 and 1280 CSS px wide, document.scrollingElement.scrollWidth must not
//     exceed window.innerWidth (no horizontal scrolling, WCAG 1.4.10).
// Usage: node check.mjs FILE.html...   (CHROMIUM=/path overrides /usr/bin/chromium)
// Prints one JSON line per file and problem; exits 1 when any file has a problem, 2 when
// the browser cannot run.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [320, 1280];

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check.mjs FILE.html...');
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), 'guidepress-chromium-'));
let browser;
try {
  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--user-data-dir=${profile}`,
    ],
  });
} catch (e) {
  console.error(`cannot start chromium: ${e.message}`);
  rmSync(profile, { recursive: true, force: true });
  process.exit(2);
}

let problems = 0;
const report = (file, kind, detail) => {
  problems += 1;
  console.log(JSON.stringify({ file, kind, ...detail }));
};

try {
  const page = await browser.newPage();
  // nothing may come from the network: a self-contained page makes no request but its own
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.url().startsWith('file:')) req.continue();
    else {
      report(req.frame()?.url() ?? '?', 'network', { url: req.url() });
      req.abort();
    }
  });
  for (const file of files) {
    const url = pathToFileURL(resolve(file)).href;
    for (const scheme of ['light', 'dark']) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      for (const width of WIDTHS) {
        await page.setViewport({ width, height: 800 });
        await page.goto(url, { waitUntil: 'load' });
        const size = await page.evaluate(() => ({
          scrollWidth: document.scrollingElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        if (size.scrollWidth > size.innerWidth) {
          report(file, 'overflow', { scheme, width, ...size });
        }
        // axe once per scheme (colours), at the phone width in dark mode
        if ((scheme === 'light' && width === 1280) || (scheme === 'dark' && width === 320)) {
          await page.addScriptTag({ path: axePath });
          const result = await page.evaluate(
            (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
            TAGS,
          );
          for (const v of result.violations) {
            report(file, 'axe', {
              scheme, width, id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
            });
          }
        }
      }
    }
    console.log(JSON.stringify({ file, checked: true }));
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(problems > 0 ? 1 : 0);
