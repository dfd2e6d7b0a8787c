import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";
import { eventually, WAIT_MS } from "./eventually";

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

/**
 * Waits until React has hydrated `control` (its props are attached). Clicked
 * earlier, a server-rendered form submits natively, so the test's click is
 * lost; a slow machine makes that window seconds long.
 */
export async function hydrated(control: Locator): Promise<Locator> {
  // eventually, not expect.poll: sign-in helpers run in beforeAll too.
  await eventually(async () => expect(await control.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$"))), "hydrated by React").toBe(true));
  return control;
}

/**
 * Waits until the page has finished streaming: React parks each streamed part
 * in a hidden `<div id="S:n">` and moves it into place a moment later (or drops
 * it when the client has rendered that part itself). An element found before
 * then can be a hidden copy, or be detached under the test's next action.
 */
export async function streamed(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('div[hidden][id^="S:"]'));
}

/** Saves a full-page screenshot and returns its size in bytes, for a non-empty check. */
export async function screenshot(page: Page, name: string): Promise<number> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return statSync(file).size;
}
