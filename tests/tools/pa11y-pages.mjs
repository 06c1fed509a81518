// pa11y (HTML_CodeSniffer, WCAG2AA) on many pages with one browser: the configuration comes
// from pa11y.json beside this file (the system's Chromium, never a downloaded one); the URLs
// from the command line. Prints one JSON object: {url: [issues]} with errors only.
// Usage: node tests/tools/pa11y-pages.mjs URL...   (tests/test_validators.py runs it)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

const config = JSON.parse(readFileSync(new URL("./pa11y.json", import.meta.url), "utf8"));
const executable = process.env.CHROMIUM || config.chromeLaunchConfig.executablePath;
const browser = await puppeteer.launch({ ...config.chromeLaunchConfig, executablePath: executable });
const found = {};
try {
  for (const url of process.argv.slice(2)) {
    const result = await pa11y(url, { ...config, browser });
    found[url] = result.issues.filter((issue) => issue.type === "error");
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(found));
