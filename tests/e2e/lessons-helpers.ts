import { expect, type Locator, type Page } from '@playwright/test';

/** A learner's view of the lesson player, found by roles and names as a person would. */
export class Learner {
  readonly panel: Locator;
  readonly controls: Locator;
  constructor(
    readonly page: Page,
    readonly lessonTitle: string,
    readonly shots: string,
  ) {
    this.panel = page.getByRole('complementary', { name: 'Lessons' });
    this.controls = page.getByRole('region', { name: 'Run controls' });
  }

  /** Opens the lesson panel and the lesson. */
  async open() {
    await this.page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await this.panel.getByRole('button', { name: this.lessonTitle }).click();
    await expect(this.panel.getByRole('heading', { name: this.lessonTitle })).toBeVisible();
  }

  async atStep(n: number, total: number) {
    await expect(this.panel.getByText(`Step ${n} of ${total}`, { exact: true })).toBeVisible();
    // The step finished setting itself up (its run commands, if any).
    await expect(this.panel.getByRole('button', { name: 'Back' })).toBeEnabled({
      enabled: n > 1,
    });
  }

  /** Screenshots of the step in English and in Chinese (switched with the header's select). */
  async shoot(name: string) {
    const page = this.page;
    await expect(page.getByTestId('lesson-highlight')).toBeVisible();
    await page.screenshot({ path: `/work/wt/shots/lessons-${this.shots}-${name}-en.png` });
    const language = page.getByRole('combobox', { name: 'Language' });
    await language.selectOption('zh-CN');
    await expect(page.getByRole('complementary', { name: '课程' })).toBeVisible();
    await page.screenshot({ path: `/work/wt/shots/lessons-${this.shots}-${name}-zh.png` });
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await expect(this.panel).toBeVisible();
  }

  async next() {
    await this.panel.getByRole('button', { name: 'Next' }).click();
  }

  async choose(text: string | RegExp) {
    await this.panel.getByRole('radio', { name: text }).check();
    await this.panel.getByRole('button', { name: 'Check' }).click();
  }

  async answer(value: number) {
    await this.panel.getByLabel('Your answer').fill(String(value));
    await this.panel.getByRole('button', { name: 'Check' }).click();
  }

  async expectRight() {
    await expect(this.panel.getByRole('status').filter({ hasText: 'Right!' })).toBeVisible();
  }

  async expectWrong() {
    await expect(this.panel.getByRole('status').filter({ hasText: 'Not quite.' })).toBeVisible();
  }

  async expectDone() {
    await expect(this.panel.getByText('✓ Done')).toBeVisible();
    await expect(this.panel.getByRole('button', { name: /^(Next|Finish lesson)$/ })).toBeEnabled();
  }

  async expectHighlightOn(target: Locator) {
    const highlight = this.page.getByTestId('lesson-highlight');
    // The outline surrounds the target with a 4 px margin. The layout may still be settling (a
    // panel opening, the canvas fitting its view): the outline follows within a few frames.
    await expect
      .poll(async () => {
        const box = await target.boundingBox();
        const mark = await highlight.boundingBox();
        if (!box || !mark) return 'missing';
        const dx = Math.abs(mark.x + 4 - box.x);
        const dw = Math.abs(mark.width - 8 - box.width);
        return dx < 3 && dw < 3 ? 'around' : `off by x ${dx}, width ${dw}`;
      })
      .toBe('around');
  }

  async fast() {
    await this.controls.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  }

  async press(name: string) {
    await this.controls.getByRole('button', { name, exact: true }).click();
  }

  async finish() {
    await this.panel.getByRole('button', { name: 'Finish lesson' }).click();
    await expect(
      this.panel.getByRole('button', { name: this.lessonTitle }).getByText('Finished'),
    ).toBeVisible();
  }

  /** After a reload the lesson shows as finished in the list. */
  async finishedAfterReload() {
    await this.page.reload();
    await this.page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await expect(
      this.panel.getByRole('button', { name: this.lessonTitle }).getByText('Finished'),
    ).toBeVisible();
  }
}
