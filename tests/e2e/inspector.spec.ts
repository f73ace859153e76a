import { expect, test } from '@playwright/test';

test('editing a window in the inspector updates the node; bad values are named; undo restores', async ({
  page,
}) => {
  await page.goto('./');
  const windowNode = page.getByRole('group', { name: 'Tumbling window: 5 s window' });
  await windowNode.click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByText('How long after the watermark passes')).toBeVisible();

  await inspector.getByLabel('Size (ms)').fill('10000');
  await inspector.getByLabel('Size (ms)').press('Enter');
  await expect(windowNode).toContainText('10 s');

  await inspector.getByLabel('Allowed lateness (ms)').fill('-5');
  await inspector.getByLabel('Allowed lateness (ms)').press('Enter');
  await expect(
    inspector
      .getByText('node perFiveSeconds, config.allowedLateness: must be 0 ms or more')
      .first(),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: /config\.allowedLateness/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/inspector-error.png' });

  // Undo twice (focus on the canvas, not in a field): back to 5 s with no problems.
  await windowNode.click();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(windowNode).toContainText('5 s');
  await expect(page.getByText('No problems: the pipeline is valid.')).toBeVisible();
});
