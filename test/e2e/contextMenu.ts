// Choosing an item of the editor's context menu. The menu is drawn, then drawn again as language
// features answer; a click on an item being replaced is lost, so the choice is retried.
import type { Page } from 'playwright-core';

export async function chooseFromContextMenu(page: Page, at: { x: number; y: number }, label: string, beforeChoosing?: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.mouse.click(at.x, at.y, { button: 'right' });
    const item = page.locator('.monaco-menu .action-item', { hasText: label }).first();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForTimeout(400);
    if (attempt === 0) await beforeChoosing?.();
    await item.click();
    const closed = await page
      .locator('.monaco-menu .action-item', { hasText: label })
      .first()
      .waitFor({ state: 'hidden', timeout: 3_000 })
      .then(() => true, () => false);
    if (closed) return;
    await page.keyboard.press('Escape');
  }
  throw new Error(`could not choose "${label}" from the context menu`);
}
