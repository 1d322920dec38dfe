// Runs axe-core (WCAG 2.1 A/AA rules) on each HTML file given, in Debian's headless
// Chromium driven by playwright-core. Prints every violation; exits 1 if there is any.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const files = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let violations = 0;
for (const file of files) {
  for (const width of [390, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    for (const v of result.violations) {
      violations += 1;
      console.log(`${file} (${width}px): ${v.id} [${v.impact}] ${v.help}`);
      for (const n of v.nodes.slice(0, 5)) console.log(`  ${n.target.join(" ")}: ${n.failureSummary.replace(/\n/g, " ")}`);
    }
    await page.close();
  }
}
await browser.close();
console.log(`axe: ${violations} violazioni`);
process.exit(violations === 0 ? 0 : 1);
