import { expect, test } from '@playwright/test';
import { Learner } from './lessons-helpers';

test.use({ viewport: { width: 1600, height: 900 } });

test('lesson 7: a learner follows the state lesson to its end', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  const me = new Learner(page, 'State: what a stateful operator remembers', '07');
  await me.open();
  const total = 6;

  await me.atStep(1, total);
  await me.shoot('1');
  await me.next();

  // A task: select the process function and open the State tab; its keyed state is there.
  await me.atStep(2, total);
  await page.getByRole('group', { name: 'Process function: Count with timeout' }).click();
  await page.getByRole('tab', { name: 'State' }).click();
  await me.expectDone();
  const panel = page.getByRole('tabpanel');
  await expect(panel).toContainText('user-2');
  await expect(panel).toContainText('6984');
  await me.shoot('2-done');
  await me.next();

  // A typed prediction: the timer moves with the last click.
  await me.atStep(3, total);
  await me.answer(7647);
  await me.expectRight();
  await expect(page.getByRole('tabpanel')).toContainText('7647');
  await me.shoot('3-answered');
  await me.next();

  // A wrong prediction: the timer did not fire while the source was idle.
  await me.atStep(4, total);
  await me.choose(/^1: more than 5 s passed/);
  await me.expectWrong();
  await expect(me.panel).toContainText('The engine says: 7: the timer has not fired');
  await me.shoot('4-answered');
  await me.next();

  await me.atStep(5, total);
  await me.choose(/^5: user-1/);
  await me.expectRight();
  await me.shoot('5-answered');
  await me.next();

  await me.atStep(6, total);
  await me.finish();
  await me.finishedAfterReload();
});
