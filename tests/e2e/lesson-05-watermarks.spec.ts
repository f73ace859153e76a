import { expect, test } from '@playwright/test';
import { Learner } from './lessons-helpers';

test.use({ viewport: { width: 1600, height: 900 } });

test('lesson 5: a learner follows the watermarks lesson to its end', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  const me = new Learner(page, 'Out-of-order data and watermarks', '05');
  await me.open();
  const total = 5;

  await me.atStep(1, total);
  await me.shoot('1');
  await me.next();

  // A task: step watermark by watermark until the window has 5500.
  await me.atStep(2, total);
  const done = me.panel.getByText('✓ Done');
  for (let i = 0; i < 10 && !(await done.isVisible()); i++) {
    await me.press('Step to next watermark');
    await expect(page.getByRole('status', { name: 'Last step' })).toContainText('watermark');
  }
  await me.expectDone();
  await expect(page.getByRole('group', { name: /5 s window/ })).toContainText('5500');
  await me.shoot('2-done');
  await me.next();

  await me.atStep(3, total);
  await me.answer(2);
  await me.expectRight();
  await me.shoot('3-answered');
  await me.next();

  // A wrong prediction: the watermark is not the highest timestamp.
  await me.atStep(4, total);
  await me.choose(/^6000: the highest/);
  await me.expectWrong();
  await expect(me.panel).toContainText('It is 5500');
  await me.shoot('4-answered');
  await me.next();

  await me.atStep(5, total);
  await me.finish();
  await me.finishedAfterReload();
});
