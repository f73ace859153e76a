import { expect, test } from '@playwright/test';
import { Learner } from './lessons-helpers';

test.use({ viewport: { width: 1600, height: 900 } });

test('lesson 4: a learner follows the event, ingestion and processing time lesson to its end', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('./');
  const me = new Learner(page, 'Event time, ingestion time, processing time', '04');
  await me.open();
  const total = 8;

  await me.atStep(1, total);
  await me.shoot('1');
  await me.next();

  await me.atStep(2, total);
  await me.answer(20);
  await me.expectRight();
  await me.shoot('2-answered');
  await me.next();

  // A wrong prediction: event time counts the late arrivals too.
  await me.atStep(3, total);
  await me.choose(/^20, the same/);
  await me.expectWrong();
  await expect(me.panel).toContainText('It counted 26');
  await me.shoot('3-answered');
  await me.next();

  await me.atStep(4, total);
  await me.fast();
  await me.press('Play');
  await me.expectDone();
  await me.next();

  await me.atStep(5, total);
  await me.choose(/^2: the last window/);
  await me.expectRight();
  await me.next();

  // A task in the pipeline settings.
  await me.atStep(6, total);
  await page
    .getByRole('complementary', { name: 'Inspector' })
    .getByLabel('Time characteristic')
    .selectOption({ label: 'Ingestion time' });
  await me.expectDone();
  await me.shoot('6-done');
  await me.next();

  await me.atStep(7, total);
  await me.choose(/^20, like processing time/);
  await me.expectRight();
  await me.shoot('7-answered');
  await me.next();

  await me.atStep(8, total);
  await me.finish();
  await me.finishedAfterReload();
});
