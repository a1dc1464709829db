// Driving the code-server workbench page as a user would: Chromium from Debian, the keyboard,
// Quick Open, the command palette. Waits are on elements, never fixed sleeps.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function launch(executablePath, profileDir) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1440, height: 900 },
  });
  return context;
}

export async function openWorkbench(context, url, folder) {
  const page = context.pages().find((p) => p.url() === 'about:blank') ?? (await context.newPage());
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
  return page;
}

async function palette(page, text) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(text);
  return input;
}

/** Quick Open: the file by its workspace-relative path. */
export async function openFile(page, relativePath) {
  await palette(page, relativePath);
  const name = relativePath.split('/').pop();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 10000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 10000 });
}

/** The command palette: runs the command whose title matches `title` exactly. */
export async function runCommand(page, title) {
  await palette(page, `>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

/** A command that may not exist in this VS Code (layout niceties): Escape if it is not found. */
export async function tryCommand(page, title) {
  try {
    await runCommand(page, title);
  } catch {
    await page.keyboard.press('Escape');
  }
}

/** Moves the mouse out of the way so no hover or tooltip sits in a screenshot. */
export async function restMouse(page) {
  await page.mouse.move(1439, 899);
}

/** Go to a 1-based line and column in the active editor. */
export async function goTo(page, line, column) {
  await runCommand(page, 'Go to Line/Column...');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
}

/** Polls `probe` (async, returns a value or undefined) until it gives a value; fails with what it last saw. */
export async function until(what, probe, timeoutMs = 10000, describe = () => '') {
  const start = Date.now();
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return { value, ms: Date.now() - start };
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. ${describe()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
