import { expect, test } from '@playwright/test';
import { Learner } from './lessons-helpers';

test.use({ viewport: { width: 1600, height: 900 } });

test('lesson 8: a learner follows the checkpoints lesson to its end', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./');
  const me = new Learner(page, 'Checkpoints: barriers, snapshots and recovery', '08');
  await me.open();
  const total = 10;
  const view = page.getByRole('region', { name: 'Checkpoints' });

  await me.atStep(1, total);
  await me.shoot('1');
  await me.next();

  // A task: open the Checkpoints tab and run to 7 s; three checkpoints complete.
  await me.atStep(2, total);
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await me.controls.getByLabel('Run to').fill('7000');
  await me.controls.getByRole('button', { name: 'Go' }).click();
  await me.expectDone();
  const history = view.getByRole('table', { name: 'Checkpoint history' });
  await expect(history).toContainText('completed');
  await me.shoot('2-done');
  await me.next();

  // A task: inject a failure into the window operator and let the job restart.
  await me.atStep(3, total);
  await page.getByRole('group', { name: 'Tumbling window: Total per 5 s' }).click();
  await view.getByRole('button', { name: 'Inject failure' }).click();
  await expect(view.getByRole('status', { name: 'Job status' })).toContainText('Job restarting at');
  const done = me.panel.getByText('✓ Done');
  for (let i = 0; i < 10 && !(await done.isVisible()); i++) await me.press('Step to next firing');
  await me.expectDone();
  await expect(view.getByRole('list', { name: 'Failures and restores' })).toContainText(
    'restored checkpoint 3',
  );
  await me.shoot('3-done');
  await me.next();

  await me.atStep(4, total);
  await me.choose(/^12: the records read since/);
  await me.expectRight();
  await me.shoot('4-answered');
  await me.next();

  await me.atStep(5, total);
  await me.answer(3);
  await me.expectRight();
  await page.getByRole('tab', { name: 'Results' }).click();
  await page.getByRole('tab', { name: 'At-least-once sink' }).click();
  await expect(page.getByRole('table', { name: 'Results of At-least-once sink' })).toContainText(
    'replayed',
  );
  await me.shoot('5-answered');
  await me.next();

  // A wrong prediction: the exactly-once sink has no duplicates.
  await me.atStep(6, total);
  await me.choose(/^Three, like/);
  await me.expectWrong();
  await expect(me.panel).toContainText('The engine says: None');
  await me.shoot('6-answered');
  await me.next();

  // A task in the Checkpoints tab: a longer interval.
  await me.atStep(7, total);
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  const interval = view.getByLabel('Checkpoint interval (ms)');
  await interval.fill('5000');
  await interval.press('Enter');
  await me.expectDone();
  await me.next();

  await me.atStep(8, total);
  await me.choose(/^More than 12/);
  await me.expectRight();
  await me.shoot('8-answered');
  await me.next();

  await me.atStep(9, total);
  await me.shoot('9');
  await view.getByRole('button', { name: 'Compare intervals' }).click();
  await me.expectDone();
  await expect(view.getByRole('region', { name: 'Checkpoint interval trade-off' })).toBeVisible();
  await page.screenshot({ path: '/work/wt/shots/lessons-08-9-done-en.png' });
  await me.next();

  await me.atStep(10, total);
  await me.finish();
  await me.finishedAfterReload();
});
