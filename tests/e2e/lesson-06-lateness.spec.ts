import { expect, test } from '@playwright/test';
import { Learner } from './lessons-helpers';

test.use({ viewport: { width: 1600, height: 900 } });

test('lesson 6: a learner follows the allowed lateness lesson to its end', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  const me = new Learner(page, 'Allowed lateness and late data', '06');
  await me.open();
  const total = 6;

  await me.atStep(1, total);
  await me.shoot('1');
  await me.next();

  // A wrong prediction: a late record within the lateness fires the window again.
  await me.atStep(2, total);
  await me.choose(/^Nothing: the window has fired/);
  await me.expectWrong();
  await expect(me.panel).toContainText('The engine says: The window fires again');
  await me.shoot('2-answered');
  await me.next();

  await me.atStep(3, total);
  await me.answer(1);
  await me.expectRight();
  await me.shoot('3-answered');
  await me.next();

  // A task in the inspector: allowed lateness 5 s.
  await me.atStep(4, total);
  await page.getByRole('group', { name: /5 s window, lateness 2 s/ }).click();
  const lateness = page
    .getByRole('complementary', { name: 'Inspector' })
    .getByLabel('Allowed lateness', { exact: true });
  await expect(lateness).toHaveValue('2');
  await lateness.fill('5');
  await lateness.press('Tab');
  await me.expectDone();
  await me.shoot('4-done');
  await me.next();

  await me.atStep(5, total);
  await me.choose(/^None: e@4s/);
  await me.expectRight();
  await me.next();

  await me.atStep(6, total);
  await me.finish();
  await me.finishedAfterReload();
});
