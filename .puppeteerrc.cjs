// pa11y drives the system's Chromium (/usr/bin/chromium, from Debian): puppeteer must never
// download a browser of its own (no network but the package registries, and CI's time).
module.exports = { skipDownload: true };
