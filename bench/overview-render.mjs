// Overview first render with Debian's chromium: navigation start -> first paint of the prerendered HTML
// -> [data-testid=overview][data-ready=true] (the interactive circuit connected and rendered).
// Then counts how often the live page re-renders over 10 s (the throttle: at most one per UiUpdateInterval).
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:10290';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
try {
  for (let run = 1; run <= 3; run++) {
    const page = await browser.newPage();
    const start = Date.now();
    await page.goto(base + '/', { waitUntil: 'commit' });
    await page.waitForSelector('[data-testid=overview]');
    const firstView = Date.now() - start;
    await page.waitForSelector('[data-testid=overview][data-ready=true]', { timeout: 30000 });
    const ready = Date.now() - start;
    const total = await page.textContent('[data-testid=count-total]');
    let renders = 0;
    if (run === 1) {
      // Count DOM updates of the tiles' counts area over 10 s.
      renders = await page.evaluate(() => new Promise(resolve => {
        let n = 0;
        const target = document.querySelector('[data-testid=overview]');
        const seen = new Set();
        const observer = new MutationObserver(() => {
          const t = Math.floor(performance.now() / 5); // one render = a burst of mutations within 5 ms
          if (!seen.has(t)) { seen.add(t); n++; }
        });
        observer.observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
        setTimeout(() => { observer.disconnect(); resolve(n); }, 10000);
      }));
    }
    console.log(`overview_browser run=${run} first_view_ms=${firstView} ready_ms=${ready} total_targets=${total?.trim()}` +
      (run === 1 ? ` dom_update_bursts_in_10s=${renders}` : ''));
    await page.close();
  }
} finally {
  await browser.close();
}
