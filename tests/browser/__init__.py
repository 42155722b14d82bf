"""The real bot in a real browser: headless Chromium driven by Playwright."""
