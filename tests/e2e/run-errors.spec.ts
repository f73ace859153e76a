import { expect, test } from '@playwright/test';

test('a user function that throws: the run names the error above its views, and lists the latest', async ({
  page,
}) => {
  await page.goto('./');
  await page.getByRole('group', { name: 'Map: Double' }).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const editor = inspector.getByRole('textbox', { name: 'Map expression' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  // Compiles, but throws for every record of user-2.
  await page.keyboard.type("key === 'user-2' ? value.a.b : value * 2");
  await page.getByRole('group', { name: 'KeyBy: By user' }).click();

  const errors = page.getByRole('region', { name: /errors? in the run/ });
  await expect(errors).toHaveCount(0);
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByRole('button', { name: 'Step to next firing' }).click();
  await expect(errors).toContainText(/\d+ errors? in the run/);
  await expect(errors).toContainText('in Double:');
  await expect(errors).toContainText('TypeError');
  await expect(errors).toContainText('record dropped');
  await errors.getByText(/errors? in the run/).click();
  const list = errors.getByRole('list', { name: 'Latest errors' });
  await expect(list.getByRole('listitem').first()).toContainText('Double[0]');
  await page.screenshot({ path: '/work/wt/shots/run-errors.png' });
  await controls.getByRole('button', { name: 'Reset' }).click();
  await expect(errors).toHaveCount(0);
});
