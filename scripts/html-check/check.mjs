// Checks the HTML briefing in headless Chromium: no horizontal page overflow at 1280, 768 and
// 390 px wide screens nor on the printable width of an A4 page, no axe-core WCAG 2.1 A/AA
// violations; saves a screenshot per width and a PDF per page. See README.md beside this file.
//
// Usage: node check.mjs [--out DIR] REPORT.html...
// Environment: CHROMIUM (default /usr/bin/chromium), HTML_CHECK_MODULES (the node_modules folder
// holding playwright-core and axe-core; default: the one beside this script).
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = resolve(process.env.HTML_CHECK_MODULES ?? join(here, "node_modules"));
const require = createRequire(join(modules, "noop.js"));
const { chromium } = require("playwright-core");
const axePath = require.resolve("axe-core/axe.min.js");

const args = process.argv.slice(2);
let out = "html-check-out";
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--out") out = args[++i];
  else files.push(resolve(args[i]));
}
if (files.length === 0) {
  console.error("usage: node check.mjs [--out DIR] REPORT.html...");
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const WIDTHS = [1280, 768, 390];
// A4 (210 mm) less the 12 mm side margins of the page's @page rule, at 96 px per inch.
const PRINT_WIDTH = Math.floor(((210 - 24) / 25.4) * 96);

/** Page width, widest elements and the smallest chart text, as laid out now. */
async function measure(page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const sw = document.documentElement.scrollWidth;
    const wide = [];
    for (const e of document.querySelectorAll("body *")) {
      const r = e.getBoundingClientRect();
      if (r.right > vw + 0.5 && !e.closest(".scroll")) {
        wide.push(`${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""} right=${Math.round(r.right)}`);
      }
    }
    const tables = [...document.querySelectorAll("table")];
    const tablesWider = tables.filter((t) => t.scrollWidth > vw).length;
    let chartFont = Infinity;
    for (const svg of document.querySelectorAll("figure svg")) {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      for (const t of svg.querySelectorAll("text")) {
        const size = parseFloat(t.getAttribute("font-size") ?? svg.getAttribute("font-size"));
        chartFont = Math.min(chartFont, size * scale);
      }
    }
    return { vw, sw, wide: wide.slice(0, 5), tables: tables.length, tablesWider, chartFont };
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
let failures = 0;
try {
  for (const file of files) {
    const name = `${basename(dirname(file))}-${basename(file, ".html")}`;
    const page = await browser.newPage();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(pathToFileURL(file).href);
      const m = await measure(page);
      const ok = m.sw <= m.vw;
      if (!ok) failures++;
      console.log(
        `${ok ? "ok  " : "FAIL"} ${name} ${width}px: page ${m.sw}px in ${m.vw}px; ` +
          `${m.tablesWider}/${m.tables} tables wider than the screen (they scroll in their box); ` +
          `smallest chart text ${m.chartFont.toFixed(1)}px` +
          (ok ? "" : `; too wide: ${m.wide.join(", ")}`),
      );
      await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true });
    }

    // Print: the page laid out at the A4 printable width must not overflow (or Chromium
    // shrinks the whole document to fit).
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: PRINT_WIDTH, height: 1100 });
    const p = await measure(page);
    const printOk = p.sw <= p.vw;
    if (!printOk) failures++;
    console.log(
      `${printOk ? "ok  " : "FAIL"} ${name} print (A4, ${PRINT_WIDTH}px): page ${p.sw}px` +
        (printOk ? "" : `; too wide: ${p.wide.join(", ")}`),
    );
    await page.pdf({ path: join(out, `${name}.pdf`), format: "A4", preferCSSPageSize: true });
    await page.emulateMedia({ media: "screen" });

    // Ids must be unique (axe-core no longer checks this for ids that no ARIA attribute uses).
    const dupIds = await page.evaluate(() => {
      const seen = new Map();
      for (const e of document.querySelectorAll("[id]")) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    });
    if (dupIds.length > 0) failures++;
    console.log(`${dupIds.length === 0 ? "ok  " : "FAIL"} ${name} ids: ${dupIds.length} duplicated ${dupIds.join(" ")}`);

    // axe-core, WCAG 2.1 A and AA rules.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(file).href);
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(() =>
      // eslint-disable-next-line no-undef
      axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      }),
    );
    const nodes = result.violations.reduce((n, v) => n + v.nodes.length, 0);
    if (result.violations.length > 0) failures++;
    console.log(
      `${result.violations.length === 0 ? "ok  " : "FAIL"} ${name} axe-core: ` +
        `${result.violations.length} violations (${nodes} elements), ${result.passes.length} rules passed`,
    );
    for (const v of result.violations) {
      console.log(`     ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(failures === 0 ? "html-check: all passed" : `html-check: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
