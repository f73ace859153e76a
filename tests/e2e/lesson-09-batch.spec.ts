import { expect, test } from '@playwright/test';
import { Learner } from './lessons-helpers';

test.use({ viewport: { width: 1600, height: 900 } });

test('lesson 9: a learner follows the batch lesson to its end', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./');
  const me = new Learner(page, 'Batch is a bounded stream', '09');
  await me.open();
  const total = 10;

  await me.atStep(1, total);
  await me.shoot('1');
  await me.next();

  // A task: play the bounded input to its end in STREAMING mode.
  await me.atStep(2, total);
  await me.fast();
  await me.press('Play');
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('finished');
  await me.expectDone();
  await me.shoot('2-done');
  await me.next();

  // A wrong prediction: in STREAMING mode the first windows fire long before the end.
  await me.atStep(3, total);
  await me.choose(/^At 19.9 s, when the input ends/);
  await me.expectWrong();
  await expect(me.panel).toContainText('They fired at 11400 ms');
  await me.shoot('3-answered');
  await me.next();

  await me.atStep(4, total);
  await me.answer(8);
  await me.expectRight();
  await me.next();

  // A task: the learner switches the runtime mode in the pipeline settings.
  await me.atStep(5, total);
  await page
    .getByRole('complementary', { name: 'Inspector' })
    .getByLabel('Runtime mode')
    .selectOption({ label: 'Batch' });
  await me.expectDone();
  await me.next();

  // BATCH mode: every window fires at the end of the input.
  await me.atStep(6, total);
  await me.choose(/^At 19.9 s, when the input ends/);
  await me.expectRight();
  await me.shoot('6-answered');
  await me.next();

  await me.atStep(7, total);
  await me.choose(/^8, the same sums/);
  await me.expectRight();
  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByRole('table', { name: 'Results of Report' })).toContainText('product-1');
  await me.shoot('7-answered');
  await me.next();

  await me.atStep(8, total);
  await me.choose(/^None$/);
  await me.expectRight();
  await me.shoot('8-answered');
  await me.next();

  await me.atStep(9, total);
  await me.answer(4);
  await me.expectRight();
  await expect(page.getByRole('table', { name: 'Results of Report' })).toContainText('replayed');
  await me.shoot('9-answered');
  await me.next();

  await me.atStep(10, total);
  await me.finish();
  await me.finishedAfterReload();
});
