import { expect, test } from '@playwright/test';
import { Learner } from './lessons-helpers';

test.use({ viewport: { width: 1600, height: 900 } });

test('lesson 2: a learner follows the parallelism and keyBy lesson to its end', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('./');
  const me = new Learner(page, 'Parallelism, keyBy and partitioning', '02');
  await me.open();
  const total = 8;

  await me.atStep(1, total);
  await me.shoot('1');
  await me.next();

  // A task: open the physical graph, then back to the logical one.
  await me.atStep(2, total);
  const physical = page.getByRole('button', { name: 'Physical graph' });
  await me.expectHighlightOn(physical);
  await physical.click();
  await me.expectDone();
  await me.shoot('2-done');
  await page.getByRole('button', { name: 'Back to the logical graph' }).click();
  await me.next();

  // A right prediction: forward keeps a key on both By key subtasks.
  await me.atStep(3, total);
  await me.answer(2);
  await me.expectRight();
  await me.shoot('3-answered');
  await me.next();

  // A wrong prediction: hash partitioning sends a key to one subtask.
  await me.atStep(4, total);
  await me.choose(/^Three: records are spread/);
  await me.expectWrong();
  await expect(me.panel).toContainText('The engine says: One');
  await me.shoot('4-answered');
  await me.next();

  await me.atStep(5, total);
  await expect(me.panel.getByRole('button', { name: 'Next' })).toBeDisabled();
  await me.press('Step to next firing');
  await me.expectDone();
  await me.shoot('5-done');
  await me.next();

  await me.atStep(6, total);
  await me.answer(6);
  await me.expectRight();
  await me.next();

  await me.atStep(7, total);
  await me.choose(/^The same: 12/);
  await me.expectRight();
  await me.shoot('7-answered');
  await me.next();

  await me.atStep(8, total);
  await me.finish();
  await me.finishedAfterReload();
});
