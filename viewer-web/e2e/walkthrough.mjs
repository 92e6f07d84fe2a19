// The acceptance walk-through in a real browser against a running centre and realm:
//   radiologist: login → worklist → open the CT → image on the canvas → window/level drag →
//   length in mm → scroll → report written and signed (final, critical);
//   clinic of that hospital: sees the report, acknowledges the critical result;
//   clinic of another hospital: does not see the study;
//   then every stored sample renders (pixels checked), and the performance figures.
// Environment: E2E_BASE_URL, E2E_ISSUER, E2E_STUDY (the CT's Study Instance UID), E2E_OUT
// (artefact folder), E2E_SAMPLES (optional JSON file of stored samples), E2E_STEPS (groups to
// run: workflow, images, performance; default all), E2E_DICOMWEB (optional: images from another
// DICOMweb server than the centre's). Prints one JSON object.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Artefacts, drag, launch, login, newPage, paneBox, paneStats, showsAnImage } from './browser.mjs';

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) {
    console.error(`missing ${name}`);
    process.exit(2);
  }
  return v;
};
const baseUrl = env('E2E_BASE_URL').replace(/\/+$/, '');
const issuer = env('E2E_ISSUER');
const study = env('E2E_STUDY');
const out = env('E2E_OUT', 'target/e2e');
const samplesFile = process.env.E2E_SAMPLES;
const dicomWebBase = process.env.E2E_DICOMWEB;
const groups = new Set((process.env.E2E_STEPS ?? 'workflow,images,performance').split(',').map((g) => g.trim()));
const pageOptions = { issuer, ...(dicomWebBase ? { dicomWebBase } : {}) };
const studyLink = `${baseUrl}/#/study/${encodeURIComponent(study)}`;

const result = { steps: {}, performance: {}, samples: [], screenshots: [] };
const step = async (name, run) => {
  const started = Date.now();
  try {
    const detail = await run();
    result.steps[name] = { ok: true, ms: Date.now() - started, ...(detail ?? {}) };
    return true;
  } catch (e) {
    result.steps[name] = { ok: false, ms: Date.now() - started, error: String(e?.message ?? e).split('\n')[0] };
    console.error(`[${name}] ${e?.stack ?? e}`);
    return false;
  }
};
const expect = (condition, message) => {
  if (!condition) throw new Error(message);
};

const browser = await launch({ crossOrigin: Boolean(dicomWebBase) });
const art = new Artefacts(join(out, 'walkthrough'));
const shot = async (page, name) => result.screenshots.push(await art.shot(page, name));
try {
  // ---- the radiologist ----
  const { context: radContext, page } = await newPage(browser, pageOptions);
  let before;
  const row = `table.worklist tbody tr[data-study="${study}"]`;
  await step('radiologistLogsIn', async () => {
    await login(page, baseUrl, 'radiologist1');
    await shot(page, 'radiologist-logged-in');
  });
  const inWorklist = groups.has('workflow') && (await step('worklistShowsTheStudy', async () => {
    try {
      await page.waitForSelector(row, { timeout: 30_000 });
    } finally {
      await shot(page, 'worklist');
    }
    return { rows: await page.locator('table.worklist tbody tr').count() };
  }));
  const images = groups.has('images') || groups.has('performance');
  /** Opens the CT (from its worklist row when there is one) and times it: ms to the first image, and the app's marks. */
  const openTimed = async () => {
    await page.evaluate(() => {
      // long tasks on the main thread from the click on, to see what holds the first image back
      window.qianliLongTasks = [];
      new PerformanceObserver((list) => window.qianliLongTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration])))
        .observe({ type: 'longtask' });
      performance.mark('qianli:e2e-click');
    });
    const clicked = Date.now();
    if (inWorklist) {
      await page.click(row);
    } else {
      // not in the worklist (no reading request): the study's own link
      await page.goto(studyLink);
    }
    await page.waitForSelector('.pane[data-rendered="true"]', { timeout: 60_000 });
    const clickToFirstImageMs = Date.now() - clicked;
    // each step on the way, in ms after the click (User Timing marks of the app)
    const marks = await page.evaluate(() => {
      const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('qianli:'));
      const click = marks.filter((m) => m.name === 'qianli:e2e-click').pop()?.startTime ?? 0;
      const after = {};
      for (const m of marks) {
        const name = m.name.slice('qianli:'.length);
        if (m.startTime >= click && name !== 'e2e-click' && !(name in after)) after[name] = Math.round(m.startTime - click);
      }
      // the first frame's request, as the browser timed it
      const frame = performance.getEntriesByType('resource').find((r) => r.name.includes('/frames/') && r.startTime >= click);
      if (frame) {
        after['first-frame-request-start'] = Math.round(frame.startTime - click);
        after['first-frame-response-end'] = Math.round(frame.responseEnd - click);
      }
      const metadata = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/metadata') && r.startTime >= click);
      if (metadata) after['metadata-ms'] = Math.round(metadata.responseEnd - metadata.startTime);
      after['long-tasks'] = (window.qianliLongTasks ?? []).filter(([start]) => start >= click)
        .map(([start, duration]) => `${Math.round(start - click)}+${Math.round(duration)}`).join(' ');
      return after;
    });
    return { clickToFirstImageMs, marks };
  };
  images && await step('opensTheCtAndShowsPixels', async () => {
    const first = await openTimed();
    result.performance.clickToFirstImageMs = first.clickToFirstImageMs;
    result.performance.marksAfterClickMs = first.marks;
    const appMs = await page.getAttribute('.study-screen', 'data-first-image-ms');
    if (appMs) result.performance.appFirstImageMs = Number(appMs);
    await page.waitForTimeout(300);
    before = await paneStats(page);
    expect(showsAnImage(before), `canvas looks blank: ${JSON.stringify(before)}`);
    await shot(page, 'ct-opened');
    return { pixels: before, openedFrom: inWorklist ? 'worklist' : 'link' };
  });
  // ---- performance: the first image again, from a fresh page each time (nothing cached) ----
  groups.has('performance') && inWorklist && before && await step('firstImageAgainFromAFreshPage', async () => {
    const runs = [result.performance.clickToFirstImageMs];
    const painted = [result.performance.marksAfterClickMs['study-first-image-painted']];
    try {
      for (let i = 0; i < 4; i++) {
        await page.goto(`${baseUrl}/#/worklist`);
        await page.reload();
        await page.waitForSelector(row, { timeout: 30_000 });
        const run = await openTimed();
        runs.push(run.clickToFirstImageMs);
        painted.push(run.marks['study-first-image-painted']);
      }
    } finally {
      // the steps after this one work on the open study
      if (!(await page.$('.pane[data-rendered="true"]'))) {
        await page.goto(studyLink);
        await page.waitForSelector('.pane[data-rendered="true"]', { timeout: 60_000 });
      }
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    result.performance.clickToFirstImageRunsMs = runs;
    result.performance.clickToFirstImageMedianMs = median(runs);
    result.performance.clickToFirstImagePaintedRunsMs = painted;
    await page.waitForTimeout(300);
    return { runs, median: median(runs) };
  });
  images && before && await step('windowLevelDragChangesPixels', async () => {
    const box = await paneBox(page);
    await page.click('[data-action="tool-windowLevel"]');
    await drag(page, { x: box.cx, y: box.cy }, { x: box.cx + 160, y: box.cy + 90 });
    await page.waitForTimeout(300);
    const after = await paneStats(page);
    expect(after.hash !== before.hash && Math.abs(after.mean - before.mean) > 1, `pixels unchanged: ${JSON.stringify({ before, after })}`);
    await shot(page, 'window-level');
    return { meanBefore: before.mean, meanAfter: after.mean, overlay: await page.textContent('.pane .overlay-bl') };
  });
  images && before && await step('lengthMeasurementShowsMillimetres', async () => {
    const box = await paneBox(page);
    await page.click('[data-action="tool-length"]');
    await drag(page, { x: box.cx - 120, y: box.cy }, { x: box.cx + 80, y: box.cy + 40 }, 20);
    const item = page.locator('.measurement-list li[data-tool="Length"]').first();
    await item.waitFor({ timeout: 10_000 });
    const text = await item.textContent();
    expect(/\d+(\.\d+)?\s*mm/.test(text ?? ''), `no length in mm: ${text}`);
    await shot(page, 'length');
    return { text };
  });
  images && before && await step('scrollsToAnotherSlice', async () => {
    const index0 = Number(await page.getAttribute('.pane', 'data-index'));
    const stats0 = await paneStats(page);
    const box = await paneBox(page);
    await page.mouse.move(box.cx, box.cy);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 120);
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((i) => Number(document.querySelector('.pane')?.dataset.index) > i, index0, { timeout: 20_000 });
    await page.waitForTimeout(300);
    const index1 = Number(await page.getAttribute('.pane', 'data-index'));
    const stats1 = await paneStats(page);
    expect(stats1.hash !== stats0.hash, 'the slice looks the same');
    await shot(page, 'scrolled');
    return { from: index0, to: index1 };
  });
  groups.has('workflow') && await step('writesAndSignsTheReport', async () => {
    if (!(await page.$('.report-panel'))) await page.goto(studyLink);
    await page.waitForSelector('.report-panel select[name="template"] option[value="0"]', { state: 'attached', timeout: 20_000 });
    await page.selectOption('.report-panel select[name="template"]', '0');
    await page.fill('.report-panel textarea[name="impression"]', '左侧硬膜下血肿，建议急诊神经外科会诊。');
    await page.check('.report-panel input[name="critical"]');
    await page.click('[data-action="save"]');
    await page.waitForFunction(() => document.querySelector('.report-panel')?.dataset.status === 'draft', null, { timeout: 20_000 });
    await page.click('[data-action="sign-final"]');
    await page.waitForFunction(() => document.querySelector('.report-panel')?.dataset.status === 'final', null, { timeout: 20_000 });
    await shot(page, 'report-signed');
    return { status: await page.textContent('.report-status') };
  });

  // ---- performance: scrolling through the whole stack ----
  groups.has('performance') && before && await step('scrollRate', async () => {
    const count = Number(await page.getAttribute('.pane', 'data-count'));
    const pass = (key, steps) =>
      page.evaluate(
        async ({ key, steps }) => {
          const element = document.querySelector('.pane .pane-image');
          const rendered = () => new Promise((resolve) => {
            const timer = setTimeout(resolve, 5000);
            element.addEventListener('CORNERSTONE_IMAGE_RENDERED', () => { clearTimeout(timer); resolve(); }, { once: true });
          });
          const t0 = performance.now();
          for (let i = 0; i < steps; i++) {
            const next = rendered();
            document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
            await next;
          }
          return performance.now() - t0;
        },
        { key, steps },
      );
    await page.keyboard.press('Home');
    await page.waitForTimeout(200);
    const coldMs = await pass('ArrowDown', count - 1);
    const warmMs = await pass('ArrowUp', count - 1);
    result.performance.slices = count;
    result.performance.scrollFirstPassSlicesPerSecond = Math.round(((count - 1) / coldMs) * 1000 * 10) / 10;
    result.performance.scrollCachedSlicesPerSecond = Math.round(((count - 1) / warmMs) * 1000 * 10) / 10;
    return { coldMs: Math.round(coldMs), warmMs: Math.round(warmMs) };
  });
  // ---- a prior study of the same patient, side by side ----
  groups.has('workflow') && process.env.E2E_PRIOR && before && await step('comparesWithAPriorStudy', async () => {
    const prior = `.priors button.prior[data-prior="${process.env.E2E_PRIOR}"]`;
    await page.waitForSelector(prior, { timeout: 30_000 });
    await page.click(prior);
    await page.waitForFunction(() => document.querySelectorAll('.pane[data-rendered="true"]').length >= 2, null, { timeout: 60_000 });
    await page.waitForTimeout(300);
    const layout = await page.getAttribute('.pane-grid', 'data-layout');
    const overlay = await page.textContent('.pane:nth-child(2) .overlay-tr');
    expect(layout === '1x2', `layout ${layout} instead of 1x2`);
    expect(/既往|Prior/.test(overlay ?? ''), `the second pane does not say it shows the prior: ${overlay}`);
    // the new layout fits the open CT to its narrower pane instead of cutting it off
    const zoom = await page.textContent('.pane:nth-child(1) .overlay-bl');
    expect(/Zoom 1\.00/.test(zoom ?? ''), `the first pane is not fitted to its new size: ${zoom}`);
    await shot(page, 'prior-side-by-side');
    return { layout, overlay };
  });
  await radContext.close();

  // ---- the clinic of that hospital ----
  const { context: c1, page: clinic } = await newPage(browser, pageOptions);
  groups.has('workflow') && await step('clinicSeesTheReport', async () => {
    await login(clinic, baseUrl, 'clinic1');
    const mine = `table.clinic-studies tbody tr[data-study="${study}"]`;
    await clinic.waitForSelector(mine, { timeout: 30_000 });
    await clinic.click(`${mine} [data-action="view-report"]`);
    await clinic.waitForSelector('.report-view .impression', { timeout: 20_000 });
    const impression = await clinic.textContent('.report-view .impression');
    expect((impression ?? '').includes('硬膜下血肿'), `report text missing: ${impression}`);
    await shot(clinic, 'clinic-report');
    return { impression };
  });
  groups.has('workflow') && await step('clinicAcknowledgesTheCriticalResult', async () => {
    const id = await clinic.getAttribute(`table.clinic-studies tbody tr[data-study="${study}"]`, 'data-request');
    const item = `.critical-results .critical-item[data-request="${id}"]`;
    await clinic.waitForSelector(item, { timeout: 20_000 });
    await shot(clinic, 'clinic-critical');
    await clinic.click(`${item} [data-action="acknowledge"]`);
    await clinic.waitForSelector(item, { state: 'detached', timeout: 20_000 });
    await shot(clinic, 'clinic-acknowledged');
  });
  await c1.close();

  // ---- the clinic of another hospital ----
  const { context: c2, page: other } = await newPage(browser, pageOptions);
  groups.has('workflow') && await step('otherClinicDoesNotSeeTheStudy', async () => {
    await login(other, baseUrl, 'clinic2');
    await other.waitForFunction(() => /\d/.test(document.querySelector('.clinic-status')?.textContent ?? ''), null, { timeout: 30_000 });
    const rows = await other.locator(`table.clinic-studies tbody tr[data-study="${study}"]`).count();
    await shot(other, 'other-clinic');
    expect(rows === 0, 'the other hospital sees the study');
    return { rowsOfThatStudy: rows };
  });
  await c2.close();

  // ---- every stored sample renders ----
  if (samplesFile) {
    const samples = JSON.parse(await readFile(samplesFile, 'utf8'));
    const sampleArt = new Artefacts(join(out, 'samples'));
    let session;
    const open = async () => {
      const s = await newPage(browser, pageOptions);
      await login(s.page, baseUrl, 'radiologist1');
      return s;
    };
    for (const s of samples) {
      const entry = { file: s.file, transferSyntax: s.transferSyntax };
      let timer;
      try {
        session ??= await open();
        const viewer = session.page;
        const attempt = (async () => {
          await viewer.goto(`${baseUrl}/#/worklist`);
          await viewer.goto(`${baseUrl}/#/study/${s.study}/${s.series}/${s.instance}`);
          await viewer.waitForSelector('.pane[data-rendered="true"]', { timeout: 20_000 });
          await viewer.waitForTimeout(200);
          const stats = await paneStats(viewer);
          entry.ok = showsAnImage(stats);
          entry.pixels = { mean: Math.round(stats.mean), sd: Math.round(stats.sd), nonBlack: Math.round(stats.nonBlack * 100) / 100 };
          await sampleArt.shot(viewer, s.file.replace(/[^A-Za-z0-9_.+-]/g, '_'));
        })();
        await Promise.race([attempt, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('no image within 40 s')), 40_000); })]);
      } catch (e) {
        entry.ok = false;
        entry.error = String(e?.message ?? e).split('\n')[0];
        // a stuck or crashed page: the next sample gets a fresh one
        await session?.context.close().catch(() => {});
        session = undefined;
      } finally {
        clearTimeout(timer);
      }
      console.error(`[sample] ${s.file} ${entry.ok ? 'ok' : 'FAILED ' + (entry.error ?? JSON.stringify(entry.pixels))}`);
      result.samples.push(entry);
    }
    await session?.context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(Object.values(result.steps).every((s) => s.ok) && result.samples.every((s) => s.ok) ? 0 : 1);
