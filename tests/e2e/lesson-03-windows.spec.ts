import { expect, test } from '@playwright/test';
import { Learner } from './lessons-helpers';

test.use({ viewport: { width: 1600, height: 900 } });

test('lesson 3: a learner follows the time and count windows lesson to its end', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('./');
  const me = new Learner(page, 'Time windows and count windows', '03');
  await me.open();
  const total = 9;

  await me.atStep(1, total);
  await me.shoot('1');
  await me.next();

  await me.atStep(2, total);
  await me.answer(60);
  await me.expectRight();
  await me.shoot('2-answered');
  await me.next();

  // A wrong prediction: the sliding count window fires by its slide.
  await me.atStep(3, total);
  await me.choose(/^100: it waits/);
  await me.expectWrong();
  await expect(me.panel).toContainText('It already shows 30');
  await me.next();

  await me.atStep(4, total);
  await me.fast();
  await me.press('Play');
  await me.expectDone();
  await me.next();

  await me.atStep(5, total);
  await me.answer(3);
  await me.expectRight();
  await me.shoot('5-answered');
  await me.next();

  // Another pipeline: time windows; a task with the run bar.
  await me.atStep(6, total);
  await expect(page.getByRole('group', { name: /Tumbling 5 s/ })).toBeVisible();
  await me.shoot('6');
  await me.press('Step to next firing');
  await me.expectDone();
  await me.next();

  await me.atStep(7, total);
  await me.choose(/^At 14 s/);
  await me.expectRight();
  await me.shoot('7-answered');
  await me.next();

  await me.atStep(8, total);
  await me.answer(6);
  await me.expectRight();
  await me.next();

  await me.atStep(9, total);
  await me.finish();
  await me.finishedAfterReload();
});
