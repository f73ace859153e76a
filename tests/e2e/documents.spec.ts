import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

const pipelineName = (page: Page) => page.getByLabel('Pipeline name');
const documentsDialog = (page: Page) => page.getByRole('dialog', { name: 'Documents' });
const row = (page: Page, name: string) =>
  documentsDialog(page).getByRole('row', { name: new RegExp(`^${name}`) });

async function openDocuments(page: Page) {
  await page.getByRole('button', { name: 'Documents' }).click();
  await expect(documentsDialog(page)).toBeVisible();
}

async function importFile(page: Page, file: { name: string; text: string } | string) {
  await openDocuments(page);
  const chooser = page.waitForEvent('filechooser');
  await documentsDialog(page).getByRole('button', { name: 'Import', exact: true }).click();
  await (
    await chooser
  ).setFiles(
    typeof file === 'string'
      ? file
      : { name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) },
  );
}

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('group', { name: 'Map: Double' })).toBeVisible();
});

test('New, rename, reload: the new pipeline is back and listed', async ({ page }) => {
  await openDocuments(page);
  await documentsDialog(page).getByRole('button', { name: 'New' }).click();
  await expect(documentsDialog(page)).toBeHidden();
  await expect(pipelineName(page)).toHaveText('Untitled pipeline');
  await expect(page.getByRole('group', { name: 'Map: Double' })).toBeHidden();

  await page.getByRole('button', { name: /^Log sink/ }).click();
  await expect(page.getByRole('group', { name: 'Log sink: Log sink 1' })).toBeVisible();

  await openDocuments(page);
  await row(page, 'Untitled pipeline').getByRole('button', { name: 'Rename' }).click();
  const field = documentsDialog(page).getByRole('textbox', { name: /New name for/ });
  await field.fill('Lecture 3');
  await field.press('Enter');
  await expect(row(page, 'Lecture 3')).toBeVisible();
  await expect(pipelineName(page)).toHaveText('Lecture 3');
  await documentsDialog(page).getByRole('button', { name: 'Close', exact: true }).click();

  await page.reload();
  await expect(pipelineName(page)).toHaveText('Lecture 3');
  await expect(page.getByRole('group', { name: 'Log sink: Log sink 1' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Map: Double' })).toBeHidden();
  await openDocuments(page);
  await expect(row(page, 'Lecture 3')).toContainText('open');
  await row(page, 'Clicks per user').getByRole('button', { name: 'Open' }).click();
  await expect(pipelineName(page)).toHaveText('Clicks per user');
  await expect(page.getByRole('group', { name: 'Map: Double' })).toBeVisible();
});

test('Duplicate, then Delete only after confirming', async ({ page }) => {
  await openDocuments(page);
  await row(page, 'Clicks per user').getByRole('button', { name: 'Duplicate' }).click();
  const copy = row(page, 'Clicks per user \\(copy\\)');
  await expect(copy).toBeVisible();
  await expect(copy).toContainText('5'); // nodes

  await copy.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete “Clicks per user (copy)”?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(copy).toBeVisible();

  await copy.getByRole('button', { name: 'Delete' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(copy).toBeHidden();
  await expect(documentsDialog(page).getByRole('row')).toHaveCount(2); // header + one document

  await page.reload();
  await openDocuments(page);
  await expect(row(page, 'Clicks per user')).toBeVisible();
  await expect(copy).toBeHidden();
});

test('Export to a file and Import it again, after reviewing its code', async ({ page }) => {
  await page.getByRole('button', { name: /^Log sink/ }).click();
  await expect(page.getByRole('group', { name: 'Log sink: Log sink 1' })).toBeVisible();
  await openDocuments(page);
  const download = page.waitForEvent('download');
  await documentsDialog(page).getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Clicks-per-user.streamlab.json');
  const path = await file.path();
  const saved = JSON.parse(await readFile(path, 'utf8'));
  expect(saved.version).toBe(1);
  expect(saved.nodes.map((n: { id: string }) => n.id)).toContain('logSink1');

  // Start from an empty pipeline, then import the file.
  await documentsDialog(page).getByRole('button', { name: 'New' }).click();
  await expect(pipelineName(page)).toHaveText('Untitled pipeline');
  await importFile(page, path);
  const review = page.getByRole('dialog', { name: 'Review the code in “Clicks per user”' });
  await expect(review).toBeVisible();
  await expect(review.getByRole('region', { name: 'Code of node double' })).toContainText(
    'value * 2',
  );
  await expect(review.getByRole('region', { name: 'Code of node byUser' })).toContainText('key');
  // Nothing replaced the open pipeline while the code is only being shown.
  await expect(pipelineName(page)).toHaveText('Untitled pipeline');
  await review.getByRole('button', { name: 'Accept' }).click();
  await expect(pipelineName(page)).toHaveText('Clicks per user 2');
  await expect(page.getByRole('group', { name: 'Log sink: Log sink 1' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Map: Double' })).toBeVisible();
});

test('a malformed file, a schema error and a future version are refused; nothing changes', async ({
  page,
}) => {
  const refusal = (file: string) =>
    page.getByRole('alertdialog', { name: `Cannot open the file ${file}` });

  await importFile(page, { name: 'broken.json', text: '{"version": 1, "nodes": [' });
  await expect(refusal('broken.json')).toContainText('not valid JSON');
  await expect(refusal('broken.json')).toContainText('Your current pipeline is unchanged');
  await refusal('broken.json').getByRole('button', { name: 'Close', exact: true }).click();

  const exported = {
    version: 1,
    name: 'Bad window',
    nodes: [
      { id: 'src', kind: 'generator' },
      { id: 'k', kind: 'keyBy' },
      { id: 'w', kind: 'tumblingWindow', config: { size: -5 } },
    ],
    edges: [],
  };
  await importFile(page, { name: 'bad.json', text: JSON.stringify(exported) });
  await expect(refusal('bad.json')).toContainText('node w, config.size: must be at least 1 ms');
  await refusal('bad.json').getByRole('button', { name: 'Close', exact: true }).click();

  await importFile(page, {
    name: 'future.json',
    text: JSON.stringify({ ...exported, version: 2, nodes: [] }),
  });
  await expect(refusal('future.json')).toContainText(
    'version: this document is version 2, made by a newer Streamlab; this one reads up to version 1.',
  );
  await refusal('future.json').getByRole('button', { name: 'Close', exact: true }).click();

  await expect(pipelineName(page)).toHaveText('Clicks per user');
  await expect(page.getByRole('group', { name: 'Map: Double' })).toBeVisible();
  await openDocuments(page);
  await expect(documentsDialog(page).getByRole('row')).toHaveCount(2);
});

test('Share: the link opens the pipeline in a new page after its code is accepted', async ({
  page,
  context,
}) => {
  await page.getByRole('button', { name: /^Log sink/ }).click();
  await expect(page.getByRole('group', { name: 'Log sink: Log sink 1' })).toBeVisible();
  await page.getByRole('button', { name: 'Share' }).click();
  const share = page.getByRole('dialog', { name: 'Share' });
  const link = await share.getByRole('textbox', { name: /Share link/ }).inputValue();
  expect(link).toMatch(/#doc=[A-Za-z0-9+$-]+$/);
  await share.getByRole('button', { name: 'Close', exact: true }).click();

  const other = await context.newPage();
  await other.goto(link);
  const review = other.getByRole('dialog', { name: 'Review the code in “Clicks per user”' });
  await expect(review).toContainText('from a share link');
  await expect(review.getByRole('region', { name: 'Code of node double' })).toContainText(
    'value * 2',
  );
  await review.getByRole('button', { name: 'Accept' }).click();
  await expect(other.getByLabel('Pipeline name')).toHaveText('Clicks per user 2');
  await expect(other.getByRole('group', { name: 'Log sink: Log sink 1' })).toBeVisible();
  // The link has been consumed: a reload shows the saved copy and asks nothing.
  expect(new URL(other.url()).hash).toBe('');
  await other.reload();
  await expect(other.getByLabel('Pipeline name')).toHaveText('Clicks per user 2');
  await expect(other.getByRole('dialog')).toHaveCount(0);
});

test('Share: Cancel in the code review, or a broken link, leaves the pipeline as it was', async ({
  page,
  context,
}) => {
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: /Share link/ }).inputValue();

  const other = await context.newPage();
  await other.goto('./');
  await expect(other.getByLabel('Pipeline name')).toHaveText('Clicks per user');
  await other.goto(link);
  await other.getByRole('button', { name: 'Cancel' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'Nothing was opened' })).toBeVisible();
  await expect(other.getByLabel('Pipeline name')).toHaveText('Clicks per user');
  await other.getByRole('button', { name: 'Documents' }).click();
  await expect(other.getByRole('dialog', { name: 'Documents' }).getByRole('row')).toHaveCount(2);
  await other.getByRole('button', { name: 'Close', exact: true }).click();

  await other.goto(link.slice(0, link.indexOf('#doc=') + 30));
  const refusal = other.getByRole('alertdialog', { name: 'Cannot open a share link' });
  await expect(refusal).toContainText(/cannot be unpacked|not valid JSON/);
  await refusal.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(other.getByLabel('Pipeline name')).toHaveText('Clicks per user');
});

test('Examples: each one opens as a new document that validates', async ({ page }) => {
  await page.getByRole('button', { name: 'Examples' }).click();
  const gallery = page.getByRole('dialog', { name: 'Examples' });
  const titles = await gallery.getByRole('article').getByRole('heading').allTextContents();
  expect(titles.length).toBeGreaterThanOrEqual(9);
  await gallery.getByRole('button', { name: 'Close', exact: true }).click();

  for (const raw of titles) {
    const title = raw.replace(/^\d+/, '');
    await page.getByRole('button', { name: 'Examples' }).click();
    await gallery
      .getByRole('article', { name: title })
      .getByRole('button', { name: 'Open' })
      .click();
    await expect(gallery).toBeHidden();
    await expect(
      page.getByRole('status').filter({ hasText: `Opened the example “${title}”` }),
    ).toBeVisible();
    await expect(page.getByText('No problems: the pipeline is valid.')).toBeVisible();
    await expect(page.getByRole('group', { name: /sink: /i }).first()).toBeVisible();
  }
  await openDocuments(page);
  // The starter plus one document per example.
  await expect(documentsDialog(page).getByRole('row')).toHaveCount(titles.length + 2);
});

test('an example runs: watermarks and lateness fill both sinks', async ({ page }) => {
  await page.getByRole('button', { name: 'Examples' }).click();
  await page
    .getByRole('article', { name: 'Out-of-order data, watermarks and lateness' })
    .getByRole('button', { name: 'Open' })
    .click();
  await expect(pipelineName(page)).toHaveText('Watermarks and lateness');
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByLabel('Speed').selectOption({ label: 'As fast as possible' });
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status', { name: 'Processing time' })).toContainText('finished');
  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByRole('table', { name: 'Results of Window results' })).toContainText(
    '4999',
  );
  await page.getByRole('tab', { name: 'Late records' }).click();
  await expect(page.getByRole('table', { name: 'Results of Late records' })).toContainText(
    'e@4s (too late)',
  );
});

test('Large font is remembered and leaves the canvas usable at 1280×720', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const toggle = page.getByRole('button', { name: 'Large font' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const small = (await page.getByRole('heading', { name: 'Palette' }).boundingBox())!;
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const large = (await page.getByRole('heading', { name: 'Palette' }).boundingBox())!;
  expect(large.height).toBeGreaterThan(small.height * 1.15);

  await page.reload();
  await expect(page.getByRole('button', { name: 'Large font' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const canvas = (await page.getByRole('region', { name: 'Pipeline canvas' }).boundingBox())!;
  expect(canvas.width).toBeGreaterThan(550);
  expect(canvas.height).toBeGreaterThan(280);
  await expect(page.getByRole('heading', { name: /Problems/ })).toBeInViewport();
  await expect(page.getByRole('group', { name: 'Map: Double' })).toBeInViewport();
});
