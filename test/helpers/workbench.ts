// Driving a VS Code workbench in Chromium as a person would: Quick Open, the command palette, the
// status bar, tree views. Shared by the end-to-end tests of the desktop build (code-server) and of
// the browser build (VS Code for the Web).
import { existsSync, mkdirSync, readdirSync, rmSync } from 'fs';
import * as path from 'path';
import type { Browser, Locator, Page } from 'playwright-core';
import { waitUntil } from './waitUntil';

export const ctrl = process.platform === 'darwin' ? 'Meta' : 'Control';

export class Workbench {
  /**
   * `openPattern` turns a file name into what Quick Open is given: the name itself in code-server;
   * in VS Code for the Web's test harness Quick Open matches a glob against the whole URI.
   */
  constructor(
    readonly page: Page,
    private readonly openPattern: (name: string) => string = (name) => name,
  ) {}

  problemsItem(): Locator {
    return this.page.locator('.statusbar-item[id="status.problems"]');
  }

  selectionItem(): Locator {
    return this.page.locator('.statusbar-item[id="status.editor.selection"]');
  }

  /** Waits until the locator's text (white space collapsed) matches; returns that text. */
  async waitForText(locator: Locator, pattern: RegExp, timeout = 15000): Promise<string> {
    const text = async () => (await locator.first().innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
    return waitUntil(text, (found) => pattern.test(found), { timeout, what: `${pattern} in ${locator}` });
  }

  async quickOpen(name: string): Promise<void> {
    await this.page.keyboard.press(`${ctrl}+P`);
    await this.page.locator('.quick-input-widget .quick-input-box input').fill(this.openPattern(name));
    // Clicked, not Enter: while the list still updates, Enter may open the file found for the last query.
    const found = this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
    await found.waitFor();
    await found.click();
    await this.page.locator(`.tab.active[aria-label*="${name}"]`).waitFor();
    await this.page.locator('.monaco-editor textarea').first().waitFor();
  }

  async goTo(line: number, column: number): Promise<void> {
    // Quick Open with ':' goes to a line and column (Ctrl+G is taken by the browser).
    await this.page.keyboard.press(`${ctrl}+P`);
    await this.page.locator('.quick-input-widget .quick-input-box input').fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.waitForText(this.selectionItem(), new RegExp(`Ln ${line}, Col ${column}\\b`));
  }

  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    // F1 can be lost while the workbench moves focus (seen once in CI, right after clicks in a
    // view: the palette never showed): pressed again until it shows.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ state: 'visible', timeout: 5000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await input.fill(`>${title}`);
    // Clicked, not Enter: while the list still updates, Enter may run the command found before.
    const found = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await found.waitFor();
    await found.click();
  }

  /** The tree row whose label is exactly `label`. */
  row(pane: Locator, label: string): Locator {
    return pane.locator('.monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
  }

  /**
   * Waits for `child` under the expanded `parent`. When the views refresh (the server announces a
   * change) just as VS Code asks for a node's children, VS Code can leave the node expanded and
   * empty (seen once in CI, right after the rename); a user closes and opens it again, and so does
   * this.
   */
  async showChild(pane: Locator, parent: string, child: string): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.row(pane, child).waitFor({ timeout: 5000 });
        return;
      } catch {
        await this.row(pane, parent).click();
        await this.row(pane, parent).click();
      }
    }
    await this.row(pane, child).waitFor();
  }

  /**
   * Clicks a tree row that opens an editor, until `opened` shows. A view that refreshes (the
   * server announces a change) as the click lands re-renders the row under the pointer and the
   * click is lost (seen once in CI, in the Memos view); a user clicks again, and so does this.
   */
  async openFromRow(target: Locator, opened: Locator): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      await target.click();
      try {
        await opened.waitFor({ timeout: 5000 });
        return;
      } catch {
        // clicked during a refresh: once more
      }
    }
    await target.click();
    await opened.waitFor();
  }

  /**
   * Answers one of code-server's own file dialogs (a quick input holding a path): waits for it to
   * list the folder it starts in, types `value` over it, waits for it to list the folder typed,
   * then clicks its button. Typed too early, the path is overwritten by the starting folder; the
   * button clicked too early acts on the folder listed before (it opens the entry chosen there).
   */
  async chooseInFileDialog(value: string, button: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    const ok = this.page.locator('.quick-input-widget .monaco-button', { hasText: button });
    await ok.waitFor();
    await this.waitForFileDialogListing(async () => await input.inputValue());
    await input.fill(value);
    await this.waitForFileDialogListing(() => value);
    // On a busy machine the click can be lost while the dialog re-renders its list; a user
    // clicks again, and so does this, until the dialog has moved on (closed or hidden, or another one).
    for (let attempt = 0; attempt < 3; attempt++) {
      await ok.click().catch(() => undefined);
      try {
        await ok.waitFor({ state: 'hidden', timeout: 5000 });
        return;
      } catch {
        if ((await input.inputValue().catch(() => value)) !== value) return;
      }
    }
    await ok.waitFor({ state: 'hidden' });
  }

  /**
   * Waits until the file dialog lists the folder of the path `typed()` gives (a path ending in a
   * separator is that folder): each of its rows is the parent ("..") or an entry of that folder.
   */
  private async waitForFileDialogListing(typed: () => string | Promise<string>): Promise<void> {
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    const listed = async () => ({ path: await typed(), rows: await rows.evaluateAll((elements) => elements.map((row) => row.getAttribute('aria-label') ?? '')) });
    const isListing = ({ path: shown, rows: labels }: { path: string; rows: string[] }) => {
      const folder = shown.endsWith(path.sep) ? shown : path.dirname(shown);
      const entries = new Set(['..', ...(existsSync(folder) ? readdirSync(folder) : [])]);
      return labels.length > 0 && labels.every((label) => entries.has(label));
    };
    await waitUntil(listed, isListing, { what: 'the file dialog to list the folder typed' });
  }

  /** Selects `count` characters to the right of the cursor (End would stop where a wrapped line wraps). */
  async selectRight(count: number): Promise<void> {
    for (let i = 0; i < count; i++) await this.page.keyboard.press('Shift+ArrowRight');
  }

  /** Saves the active editor: Ctrl+S, then waits until its tab no longer shows unsaved changes. */
  async save(): Promise<void> {
    await this.page.keyboard.press(`${ctrl}+S`);
    await this.page.locator('.tab.active.dirty').waitFor({ state: 'detached' });
  }

  /** Waits until the active editor has unsaved changes: an edit made by a command has been applied. */
  async waitForUnsavedEditor(): Promise<void> {
    await this.page.locator('.tab.active.dirty').first().waitFor();
  }

  /** Waits until `count` editors (tabs) show unsaved changes. */
  async waitForUnsavedEditors(count: number): Promise<void> {
    await waitUntil(() => this.page.locator('.tab.dirty').count(), (n) => n === count, { what: `${count} unsaved editors` });
  }
}

/** 1-based line and column of the first occurrence of `needle` in a text. */
export function lineAndColumn(text: string, needle: string): { line: number; column: number } {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`${needle} not found`);
  return { line: index + 1, column: lines[index].indexOf(needle) + 1 };
}

const chromiumPath = process.env.QDA_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, quiet: no network of its own, no GPU; media may play without a click (the player's test). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium is missing at ${chromiumPath}: install Debian's chromium (scripts/install-code-server.sh does, as root)`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
  });
}

/**
 * A screenshot after each step, numbered and named after it, in a folder emptied first; and one of
 * each main view, for the README, in its `views/` folder (scripts/update-readme-images.js copies
 * them into docs/images/).
 */
export class StepScreenshots {
  private step = 0;

  constructor(private readonly folder: string) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(path.join(folder, 'views'), { recursive: true });
  }

  async take(page: Page | undefined, title = 'step'): Promise<void> {
    if (page) await page.screenshot({ path: path.join(this.folder, `${String(++this.step).padStart(2, '0')}-${slug(title)}.png`) });
  }

  /**
   * `views/<name>.png`, for the README: the window at 1280×800 with no notification, hover or
   * tooltip; the side bar `sideBarWidth` pixels wide where its rows should read whole, or hidden;
   * the side bar's `collapse` sections collapsed, to give the view shown their height. The window
   * is then put back as it was, for the steps after.
   */
  async view(workbench: Workbench, name: string, { sideBarWidth, collapse = [], hideSideBar = false }: { sideBarWidth?: number; collapse?: string[]; hideSideBar?: boolean } = {}): Promise<void> {
    const page = workbench.page;
    const viewport = page.viewportSize();
    await workbench.runCommand('Notifications: Clear All Notifications');
    await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached' });
    // Each change undone, even when a later one fails: the steps after depend on the layout (where lines wrap).
    const undo: (() => Promise<unknown>)[] = [];
    try {
      await resizeWindow(page, { width: 1280, height: 800 });
      if (viewport) undo.push(() => resizeWindow(page, viewport));
      for (const section of collapse) if (await setSection(page, section, false)) undo.push(() => setSection(page, section, true));
      if (sideBarWidth) {
        const before = await setSideBarWidth(page, sideBarWidth);
        undo.push(() => setSideBarWidth(page, before));
      }
      if (hideSideBar) {
        await toggleSideBar(workbench, false);
        undo.push(() => toggleSideBar(workbench, true));
      }
      await page.mouse.move(20, 500); // the activity bar's empty middle
      await waitUntil(() => page.locator('.workbench-hover:visible, .monaco-hover:visible').count(), (shown) => shown === 0, { what: 'no hover' });
      // A sash dragged stays coloured while its highlight fades out.
      const highlightedSashes = `[...document.querySelectorAll('.monaco-sash')].filter((sash) => getComputedStyle(sash, '::before').backgroundColor !== 'rgba(0, 0, 0, 0)').length`;
      await waitUntil(() => page.evaluate<number>(highlightedSashes), (shown) => shown === 0, { what: 'no highlighted sash' });
      await tidyUp(page);
      await nextFrames(page);
      await page.screenshot({ path: path.join(this.folder, 'views', `${name}.png`) });
    } finally {
      for (const step of undo.reverse()) await step();
    }
  }
}

/** Expands or collapses a section of the side bar (a view: "Themes", "Memos"…) by its title; returns whether that changed it. */
async function setSection(page: Page, title: string, expanded: boolean): Promise<boolean> {
  const header = page.locator('.part.sidebar .pane-header').filter({ has: page.locator('h3.title', { hasText: new RegExp(`^${title}$`) }) });
  if ((await header.getAttribute('aria-expanded')) === String(expanded)) return false;
  await header.locator('h3.title').click();
  await waitUntil(() => header.getAttribute('aria-expanded'), (now) => now === String(expanded), { what: `the ${title} section ${expanded ? 'expanded' : 'collapsed'}` });
  return true;
}

/** Shows or hides the primary side bar. */
async function toggleSideBar(workbench: Workbench, shown: boolean): Promise<void> {
  const sideBar = workbench.page.locator('.part.sidebar');
  if ((await sideBar.isVisible()) !== shown) await workbench.runCommand('View: Toggle Primary Side Bar Visibility');
  await sideBar.waitFor({ state: shown ? 'visible' : 'hidden' });
}

/** Resizes the page and waits until the workbench has laid itself out at the new size. */
async function resizeWindow(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await page.waitForFunction(`(() => { const box = document.querySelector('.monaco-workbench').getBoundingClientRect(); return box.width === ${size.width} && box.height === ${size.height}; })()`);
}

/** Drags the sash between the side bar and the editors until the side bar is `width` pixels wide; returns its width before. */
async function setSideBarWidth(page: Page, width: number): Promise<number> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) throw new Error('no side bar to widen');
  const edge = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(edge, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
  await waitUntil(async () => Math.round((await page.locator('.part.sidebar').boundingBox())?.width ?? 0), (now) => Math.abs(now - width) <= 2, { what: `a side bar ${width} pixels wide` });
  return box.width;
}

/**
 * No focus outline on the header last clicked, and the workbench where it belongs: a header
 * focused while the window was narrower can leave the page scrolled sideways.
 */
async function tidyUp(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    document.activeElement?.blur();
    for (let element = document.querySelector('.monaco-workbench'); element; element = element.parentElement) element.scrollLeft = element.scrollTop = 0;
  })()`);
}

/** Waits for two frames to be drawn: what a layout or a resize changed is on screen. */
async function nextFrames(page: Page): Promise<void> {
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}
