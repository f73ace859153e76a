import { expect, test } from '@playwright/test';

const CHAINS = 'Chained, one task per subtask as in Flink:';

test('a node’s chaining, set in the inspector, splits the chains of the physical graph; undo takes it back', async ({
  page,
}) => {
  await page.goto('./');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const chaining = inspector.getByRole('combobox', { name: 'Chaining' });

  // The map "Double" chains to the source by default, as Flink would.
  await page.getByRole('group', { name: 'Map: Double' }).click();
  await expect(chaining).toHaveValue('default');
  await expect(chaining.getByRole('option')).toHaveText([
    'Chain when possible (default)',
    'Start a new chain',
    'Never chain',
  ]);
  await expect(inspector.getByText(/^Flink chains it to the operator before it/)).toBeVisible();
  await chaining.selectOption({ label: 'Start a new chain' });
  await expect(
    inspector.getByText(/^startNewChain\(\): not chained to the operator before it/),
  ).toBeVisible();
  await inspector.screenshot({ path: '/work/wt/shots/chaining-inspector.png' });

  // A sink has only disableChaining() in Flink.
  await page.getByRole('group', { name: 'Table sink: Results' }).click();
  await expect(chaining.getByRole('option')).toHaveText([
    'Chain when possible (default)',
    'Never chain',
  ]);
  await chaining.selectOption({ label: 'Never chain' });
  await expect(inspector.getByText(/^disableChaining\(\): chained neither/)).toBeVisible();

  // The run works as before: the window fires.
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByRole('button', { name: 'Step to next firing' }).click();
  await expect(page.getByRole('status', { name: 'Last step' })).toContainText('fired');

  await page.getByRole('button', { name: 'Physical graph' }).click();
  const physical = page.getByRole('region', { name: 'Physical graph' });
  // Clicks stands alone now, Double heads a chain with By user, Results is a task of its own.
  await expect(physical.getByText(`${CHAINS} Double → By user`, { exact: true })).toBeVisible();
  await expect(physical.getByText('.startNewChain()')).toBeVisible();
  await expect(physical.getByText('.disableChaining()')).toBeVisible();
  await page.screenshot({ path: '/work/wt/shots/chaining-physical.png' });
  await physical.getByRole('button', { name: 'Back to the logical graph' }).click();

  // Undo (the canvas focused) puts the sink back into the window's chain, then Double into
  // the source's.
  await page.getByRole('group', { name: 'Table sink: Results' }).click();
  await page.keyboard.press('Control+z');
  await expect(chaining).toHaveValue('default');
  await page.keyboard.press('Control+z');
  await page.getByRole('group', { name: 'Map: Double' }).click();
  await expect(chaining).toHaveValue('default');
  await page.getByRole('button', { name: 'Physical graph' }).click();
  await expect(
    physical.getByText(`${CHAINS} Clicks → Double → By user; 5 s window → Results`, {
      exact: true,
    }),
  ).toBeVisible();
  await expect(physical.getByText('.startNewChain()')).toHaveCount(0);
});

test('KeyBy has no chaining of its own: the inspector says why instead of offering a choice', async ({
  page,
}) => {
  await page.goto('./');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await page.getByRole('group', { name: 'KeyBy: By user' }).click();
  await expect(inspector.getByRole('combobox', { name: 'Chaining' })).toHaveCount(0);
  await expect(
    inspector.getByText('Chaining: keyBy is a partitioning in Flink, not an operator'),
  ).toBeVisible();
});
