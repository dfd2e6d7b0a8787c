import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { WAIT_MS } from "./eventually";

const root = path.resolve(import.meta.dirname, "../..");
export const SCREENSHOT_DIR = path.join(root, "test-results", "screenshots");

/**
 * Debian's Chromium, headless, with nothing phoning home (the machines have no
 * internet). `extraArgs` adds switches, e.g. --host-resolver-rules to reach a
 * local server under a real-looking domain. Every context it opens (also the
 * one behind browser.newPage) waits up to WAIT_MS for an element or a page,
 * not Playwright's 30 s, which a busy machine can exceed.
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", ...extraArgs],
    timeout: WAIT_MS,
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(WAIT_MS);
    return context;
  };
  return browser;
}

/** Saves a full-page screenshot and returns its size in bytes, for a non-empty check. */
export async function screenshot(page: Page, name: string): Promise<number> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return statSync(file).size;
}
