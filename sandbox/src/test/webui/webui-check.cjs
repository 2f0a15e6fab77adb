// Opens the Temporal Web UI of the sandbox's dev server in chromium and checks what an operator
// sees there: the list of runs waiting for deletion approval with their step; a run's input as
// ciphertext until the browser signs in to the API's codec, then decoded; one run's summary and
// current details, and the activity summaries of its history. Takes a screenshot of each.
//
// node webui-check.cjs CHECK.json   (playwright-core found through NODE_PATH)
// CHECK.json: {webUiUrl, chromium, screenshotDir, namespace, listQuery,
//   listed: [{workflowId, sourceOrgId, step}], notListed: [workflowId],
//   runs: [{workflowId, texts: [summary, details, current details...], screenshot}],
//   history: {workflowId, summaries: [activity summary...], screenshot},
//   codec: {endpoint, sessionUrl, token, workflowId, secrets: [text only decoding shows],
//     notDecodedScreenshot, decodedScreenshot}}
// Exits 0 when every check passed, 1 (after a screenshot named failure.png) otherwise.
'use strict';

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const check = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const VIEWPORT = { width: 1600, height: 1000 };
// a laptop's window: the texts must fit there too
const NARROWER_WIDTHS = [1280];
const TIMEOUT_MS = 20_000;

function log(line) {
  console.log(`[webui] ${line}`);
}

function fail(message) {
  throw new Error(message);
}

async function shoot(page, name) {
  const file = path.join(check.screenshotDir, name);
  await page.screenshot({ path: file });
  log(`screenshot ${file}`);
}

/** The list is read from visibility, written a moment after each change: reload until it shows. */
async function openList(page) {
  const url =
    `${check.webUiUrl}/namespaces/${check.namespace}/workflows?query=` +
    encodeURIComponent(check.listQuery);
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    await page.goto(url);
    try {
      for (const run of check.listed) {
        await page.getByRole('link', { name: run.workflowId, exact: true }).waitFor({ timeout: 3000 });
      }
      return url;
    } catch (e) {
      if (Date.now() > deadline) {
        fail(`the list ${url} does not show all of ${check.listed.map((r) => r.workflowId)}`);
      }
    }
  }
}

async function columnTexts(page, columnName) {
  const headers = await page.locator('table thead th').allInnerTexts();
  const index = headers.findIndex((h) => h.trim() === columnName);
  if (index < 0) {
    fail(`no column ${columnName}; columns: ${headers.map((h) => h.trim()).join(', ')}`);
  }
  return index;
}

async function checkList(page) {
  const url = await openList(page);
  log(`list ${url}`);
  await page.getByTestId('workflows-summary-table-configuration-button').click();
  await page.getByTestId('orderable-list-item-MigrationStep-add-button').click();
  await page.getByTestId('orderable-list-item-SourceOrgId-add-button').click();
  // the run id says nothing to an operator, and waiting runs have no end: room for the new columns
  await page.getByTestId('orderable-list-item-Run ID-remove-button').click();
  await page.getByTestId('orderable-list-item-End-remove-button').click();
  await page.getByTestId('drawer-close-button').click();
  await page.getByTestId('drawer-close-button').waitFor({ state: 'hidden' });

  const stepColumn = await columnTexts(page, 'MigrationStep');
  const sourceColumn = await columnTexts(page, 'SourceOrgId');
  for (const run of check.listed) {
    const row = page.locator('table tbody tr', {
      has: page.getByRole('link', { name: run.workflowId, exact: true }),
    });
    const cells = await row.locator('td').allInnerTexts();
    const step = (cells[stepColumn] || '').trim();
    const source = (cells[sourceColumn] || '').trim();
    if (step !== run.step || source !== run.sourceOrgId) {
      fail(`row ${run.workflowId} shows step '${step}' and source '${source}', not '${run.step}' and '${run.sourceOrgId}'`);
    }
    log(`listed ${run.workflowId}: MigrationStep ${step}, SourceOrgId ${source}`);
  }
  for (const workflowId of check.notListed) {
    if ((await page.getByRole('link', { name: workflowId, exact: true }).count()) > 0) {
      fail(`${workflowId} is listed although it does not match ${check.listQuery}`);
    }
  }
  const rows = await page.locator('table tbody tr').count();
  if (rows !== check.listed.length) {
    fail(`the list has ${rows} rows, expected ${check.listed.length}`);
  }
  await shoot(page, 'webui-list-migration-step.png');
}

async function inputText(page) {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}

/** Without a codec session the browser's calls to the codec get 401: the UI shows ciphertext. */
async function checkNotDecoded(page, codec) {
  await page.goto(`${check.webUiUrl}/namespaces/${check.namespace}/workflows/${codec.workflowId}`);
  await page.getByTestId('data-encoder-status-error').waitFor();
  await page.getByText('encryption-key-id').first().waitFor();
  const shown = await inputText(page);
  for (const secret of codec.secrets) {
    if (shown.includes(secret)) {
      fail(`the run page shows '${secret}' although the browser has no codec session`);
    }
  }
  log(`run ${codec.workflowId} without a codec session: ciphertext, the codec refused`);
  await shoot(page, codec.notDecodedScreenshot);
}

/**
 * What README tells a viewer to do: sign in at the API's codec session page with a token, then in
 * the Web UI's codec settings use this browser's endpoint with cross-origin credentials (the dev
 * server's cluster-level endpoint is sent without them).
 */
async function signInToCodec(page, codec) {
  await page.goto(codec.sessionUrl);
  await page.fill('input[name=token]', codec.token);
  await page.click('button[type=submit]');
  log(`codec session: ${await page.locator('#result').innerText()}`);

  await page.goto(`${check.webUiUrl}/namespaces/${check.namespace}/workflows/${codec.workflowId}`);
  // the settings drawer is taller than the window, and the sticky top bar covers its lower part
  await page.setViewportSize({ width: VIEWPORT.width, height: 1600 });
  await page.getByTestId('data-encoder-status-error').click();
  await page.getByText('Use Cluster-level setting, where available.').first().click();
  await page.getByText('Use my browser setting and ignore Cluster-level setting.').first().click();
  await page.getByPlaceholder('Paste your endpoint here').fill(codec.endpoint);
  await page.evaluate(() => document.getElementById('pass-access-credentials').click());
  if (!(await page.locator('#pass-access-credentials').isChecked())) {
    fail('could not tick "Include cross-origin credentials"');
  }
  await page.getByRole('button', { name: 'Apply' }).dispatchEvent('click');
  await page.setViewportSize(VIEWPORT);
}

async function checkDecoded(page, codec) {
  await page.goto(`${check.webUiUrl}/namespaces/${check.namespace}/workflows/${codec.workflowId}`);
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const shown = await inputText(page);
    if (codec.secrets.every((s) => shown.includes(s))) {
      break;
    }
    if (Date.now() > deadline) {
      fail(`the run page does not show ${JSON.stringify(codec.secrets)} decoded`);
    }
    await page.waitForTimeout(500);
  }
  log(`run ${codec.workflowId} with a codec session: input decoded (${codec.secrets.join(', ')})`);
  await shoot(page, codec.decodedScreenshot);
}

/**
 * The Web UI renders a run's summary, details and current details as Markdown, each in an iframe
 * of a fixed height: text that does not fit is cut off, so each must fit.
 */
async function renderedMarkdown(page) {
  const boxes = [];
  for (const frame of await page.locator('iframe[title="output"]').all()) {
    const content = await (await frame.elementHandle()).contentFrame();
    const measured = await content.evaluate(() => ({
      text: document.body.innerText.trim(),
      fits: document.documentElement.scrollHeight <= document.documentElement.clientHeight,
      height: document.documentElement.scrollHeight,
      room: document.documentElement.clientHeight,
    }));
    if (measured.text) {
      boxes.push(measured);
    }
  }
  return boxes;
}

async function checkRun(page, run) {
  await page.goto(`${check.webUiUrl}/namespaces/${check.namespace}/workflows/${run.workflowId}`);
  await page.getByTestId('user-metadata-tab').click();
  let boxes = [];
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    boxes = await renderedMarkdown(page);
    const all = boxes.map((b) => b.text).join('\n');
    if (run.texts.every((t) => all.includes(t))) {
      break;
    }
    if (Date.now() > deadline) {
      fail(`run ${run.workflowId} does not show ${JSON.stringify(run.texts)}; it shows ${JSON.stringify(boxes)}`);
    }
    await page.waitForTimeout(500);
  }
  log(`run ${run.workflowId}:`);
  for (const width of NARROWER_WIDTHS) {
    // a smaller screen wraps the text into more lines of the same boxes
    await page.setViewportSize({ width, height: VIEWPORT.height });
    await page.waitForTimeout(300);
    requireFit(await renderedMarkdown(page), width);
  }
  await page.setViewportSize(VIEWPORT);
  await page.waitForTimeout(300);
  requireFit(await renderedMarkdown(page), VIEWPORT.width);
  await shoot(page, run.screenshot);
}

function requireFit(boxes, width) {
  for (const box of boxes) {
    log(`  ${width} px wide: ${box.height}/${box.room} px: ${box.text}`);
    if (!box.fits) {
      fail(`text cut off in a ${width} px wide window (${box.height} px in a ${box.room} px box): ${box.text}`);
    }
  }
}

async function checkHistory(page, history) {
  await page.goto(`${check.webUiUrl}/namespaces/${check.namespace}/workflows/${history.workflowId}`);
  await page.getByTestId('history-tab').waitFor();
  // oldest first, so that the timeline and the table read in the order the run went
  await page.getByRole('button', { name: 'Descending' }).click();
  await page.getByRole('button', { name: 'Ascending' }).waitFor();
  for (const summary of history.summaries) {
    // the timeline draws "ActivityType • summary", the event table shows it as "Summary"
    const shown = page.getByText(summary, { exact: false });
    await shown.first().waitFor({ timeout: TIMEOUT_MS });
    log(`history of ${history.workflowId} shows "${summary}" ${await shown.count()} time(s)`);
  }
  // tall enough for the run's header, its input, the whole timeline and the first events
  await page.setViewportSize({ width: VIEWPORT.width, height: 1300 });
  await page.waitForTimeout(500);
  await shoot(page, history.screenshot);
  await page.setViewportSize(VIEWPORT);
}

(async () => {
  fs.mkdirSync(check.screenshotDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: check.chromium,
    args: ['--headless', '--no-sandbox', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: VIEWPORT });
  page.setDefaultTimeout(TIMEOUT_MS);
  try {
    await checkList(page);
    await checkNotDecoded(page, check.codec);
    await signInToCodec(page, check.codec);
    await checkDecoded(page, check.codec);
    for (const run of check.runs) {
      await checkRun(page, run);
    }
    await checkHistory(page, check.history);
    log('all checks passed');
  } catch (e) {
    await page.screenshot({ path: path.join(check.screenshotDir, 'failure.png') }).catch(() => {});
    console.error(`[webui] FAILED at ${page.url()}: ${e.message}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
})();
