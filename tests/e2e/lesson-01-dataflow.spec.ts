import { expect, test } from '@playwright/test';
import { Learner } from './lessons-helpers';

// A laptop screen: the lesson panel sits between the canvas and the inspector.
test.use({ viewport: { width: 1600, height: 900 } });

test('lesson 1: a learner follows the dataflow lesson to its end; progress survives reloads', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('./');
  const me = new Learner(page, 'A dataflow: source → transformation → sink', '01');
  await me.open();

  await me.atStep(1, 8);
  await me.expectHighlightOn(page.locator('[data-lesson-area="canvas"]'));
  await me.shoot('1');
  await me.next();

  await me.atStep(2, 8);
  const source = page.getByRole('group', { name: 'Generator source: Readings' });
  await me.expectHighlightOn(source);
  await me.shoot('2');
  await me.next();

  // A right prediction: the engine runs one step and the sink shows 80.
  await me.atStep(3, 8);
  await me.shoot('3');
  await me.answer(80);
  await me.expectRight();
  await expect(me.panel).toContainText('The engine says: 80');

  // Progress survives a reload: the lesson opens again at the step reached.
  await page.reload();
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await me.atStep(3, 8);
  await expect(me.panel.getByRole('button', { name: 'Next' })).toBeEnabled();
  await me.next();

  // A wrong prediction, explained.
  await me.atStep(4, 8);
  await me.choose(/^30: every record/);
  await me.expectWrong();
  await expect(me.panel).toContainText('the filter dropped 30');
  await me.shoot('4-answered');
  await me.next();

  // A task: play the stream to its end with the run bar.
  await me.atStep(5, 8);
  await expect(me.panel.getByRole('button', { name: 'Next' })).toBeDisabled();
  await me.shoot('5');
  await me.fast();
  await me.press('Play');
  await me.expectDone();
  await me.next();

  await me.atStep(6, 8);
  await page.getByRole('tab', { name: 'Results' }).click();
  await me.answer(11);
  await me.expectRight();
  await me.shoot('6-answered');
  await me.next();

  // A task in the editor: the inspector's Events field of the source.
  await me.atStep(7, 8);
  await page.getByRole('group', { name: 'Generator source: Readings' }).click();
  const events = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Events', {
    exact: true,
  });
  await events.fill('40');
  await events.press('Tab');
  await me.expectDone();
  await me.shoot('7-done');
  await me.next();

  await me.atStep(8, 8);
  await me.shoot('8');
  await me.finish();
  await me.finishedAfterReload();
});
