import { expect, test } from '@playwright/test';

test('exports the example to Flink SQL and a DataStream Java job', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Export to Flink' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export to Flink' });
  await expect(dialog).toBeVisible();

  await expect(dialog.getByRole('tab', { name: 'Flink SQL' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const sql = dialog.getByRole('tabpanel').locator('pre').first();
  await expect(sql).toContainText('TUMBLE(');
  await expect(sql).toContainText("WATERMARK FOR ts AS ts - INTERVAL '2.001' SECOND");
  await expect(dialog.getByRole('region', { name: 'Notes' })).toContainText('datagen');
  await expect(dialog.getByRole('button', { name: 'Copy' })).toHaveCount(1);
  await expect(dialog.getByRole('button', { name: 'Download' })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/export-sql.png' });

  await dialog.getByRole('tab', { name: 'Flink DataStream (Java)' }).click();
  const panel = dialog.getByRole('tabpanel');
  await expect(
    panel.getByRole('heading', { name: 'src/main/java/streamlab/Job.java' }),
  ).toBeVisible();
  await expect(panel.locator('pre').first()).toContainText('.uid("perFiveSeconds")');
  await expect(panel.getByRole('heading', { name: 'pom.xml' })).toBeVisible();

  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download' }).first().click();
  expect((await download).suggestedFilename()).toBe('Job.java');
  await page.screenshot({ path: 'test-results/export-java.png' });

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
