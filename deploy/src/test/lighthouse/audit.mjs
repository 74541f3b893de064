// Lighthouse over a list of pages in headless Chromium: on a phone (Lighthouse's default), on a
// desktop screen, and either of them in the dark colour scheme.
//
//   node audit.mjs PAGES.json OUT_DIR [RUNS]
//
// PAGES.json is a list of {"kind": "what the page is", "url": "http://..."}, with "status": 404
// on a page whose answer is meant to be an error (Lighthouse refuses to audit one otherwise).
// RUNS is a comma-separated list of mobile, desktop, mobile-dark, desktop-dark (default mobile):
// each page is audited once per run, all runs of one scheme in one Chromium. For each page and
// run, OUT_DIR gets the whole report (NN-RUN.json, which Lighthouse's viewer opens) and
// scores.json gets one entry: the page, its four scores (0 to 100) and, for each category below
// 100, the audits that lost points with the elements they name. The exit status is 0 whenever
// every page was audited; judging the scores is the caller's business.
//
// Performance is a measurement, and a busy machine slows a load now and then: as Lighthouse's
// guidance on variability advises, a page whose performance is below 100 is loaded four more times
// for it alone and scored by the median of the five (performanceRuns has all five). The other
// categories are read from the page and judged on its one load.
//
// Lighthouse's phone is the host slowed down: its CPU multiplier (4x) is calibrated for a
// high-end desktop (BenchmarkIndex 1,500 to 2,000, in its throttling guide), so that the page
// runs as on a mid-tier phone. A slower or busier host would stand for a slower phone, so, as
// that guide advises, the multiplier is calibrated on the host: the median BenchmarkIndex of
// three loads of the first page, over the phone's (a quarter of such a desktop's), 4x at most.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
// Headless, and nothing that reaches out of the machine: a closed network refuses those
// connections, and the console errors they leave would count against the page.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const RUNS = ['mobile', 'desktop', 'mobile-dark', 'desktop-dark'];
const PHONE_BENCHMARK_INDEX = 1750 / 4;
const DEFAULT_CPU_SLOWDOWN = 4;

const [pagesFile, outDir, runList = 'mobile'] = process.argv.slice(2);
const runs = runList.split(',');
if (!pagesFile || !outDir || runs.some((run) => !RUNS.includes(run))) {
  console.error(`usage: node audit.mjs PAGES.json OUT_DIR [RUNS: some of ${RUNS.join(',')}]`);
  process.exit(2);
}
const pages = JSON.parse(fs.readFileSync(pagesFile, 'utf8'));
fs.mkdirSync(outDir, { recursive: true });

/** What an audit's details name: the elements or addresses that made it fail, a few of them. */
function items(audit) {
  const rows = audit.details?.items ?? [];
  return rows.slice(0, 5).map((row) => {
    const node = row.node ?? row.subItems?.items?.[0]?.related?.node;
    if (node) {
      return `${node.selector ?? ''} ${node.snippet ?? ''}`.trim();
    }
    return String(row.url ?? row.source?.url ?? row.description ?? row.label ?? JSON.stringify(row)).slice(0, 200);
  });
}

/** The audits of a category that lost it points: weighted, scored, and below full marks. */
function lost(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1)
    .map((audit) => ({
      id: audit.id,
      title: audit.title,
      score: audit.score,
      displayValue: audit.displayValue ?? '',
      items: items(audit),
    }));
}

/** The phone's CPU slowdown on this host: its median BenchmarkIndex over the phone's, from 1x to 4x. */
async function calibratedSlowdown(port, page) {
  const indexes = [];
  for (let n = 0; n < 3; n += 1) {
    const flags = { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] };
    indexes.push((await lighthouse(page.url, flags)).lhr.environment.benchmarkIndex);
  }
  const median = indexes.sort((a, b) => a - b)[1];
  const slowdown = Math.min(DEFAULT_CPU_SLOWDOWN, Math.max(1, Math.round((median / PHONE_BENCHMARK_INDEX) * 10) / 10));
  console.log(`host BenchmarkIndex ${indexes.join(', ')} (median ${median}): the phone's CPU is this host's slowed ${slowdown}x`);
  return slowdown;
}

/** One page audited once: its report's file and its entry of scores.json. */
async function audit(port, page, run, file, slowdown) {
  const form = run.startsWith('desktop') ? 'desktop' : 'mobile';
  const flags = {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: CATEGORIES,
    ignoreStatusCode: page.status !== undefined && page.status >= 400,
    ...(form === 'mobile' ? { throttling: { cpuSlowdownMultiplier: slowdown } } : {}),
  };
  let runner = await lighthouse(page.url, flags, form === 'desktop' ? desktopConfig : undefined);
  if (runner.lhr.runtimeError) {
    // Chromium's trace now and then misses the navigation's start (NO_NAVSTART): once more
    runner = await lighthouse(page.url, flags, form === 'desktop' ? desktopConfig : undefined);
  }
  const lhr = runner.lhr;
  fs.writeFileSync(path.join(outDir, file), runner.report);
  const scores = {};
  const losses = {};
  for (const category of CATEGORIES) {
    scores[category] = percent(lhr, category);
    if (scores[category] !== 100) {
      losses[category] = lost(lhr, category);
    }
  }
  const performanceRuns = [scores.performance];
  if (!lhr.runtimeError && scores.performance !== 100) {
    const loads = [lhr];
    const again = { ...flags, onlyCategories: ['performance'] };
    for (let n = 0; n < 4; n += 1) {
      loads.push((await lighthouse(page.url, again, form === 'desktop' ? desktopConfig : undefined)).lhr);
    }
    performanceRuns.push(...loads.slice(1).map((load) => percent(load, 'performance')));
    const median = loads.sort((a, b) => percent(a, 'performance') - percent(b, 'performance'))[2];
    scores.performance = percent(median, 'performance');
    delete losses.performance;
    if (scores.performance !== 100) {
      losses.performance = lost(median, 'performance');
    }
  }
  return {
    kind: page.kind,
    url: page.url,
    run,
    cpuSlowdown: form === 'mobile' ? slowdown : 1,
    report: file,
    status: lhr.audits['network-requests']?.details?.items?.find((r) => r.resourceType === 'Document')?.statusCode ?? null,
    runtimeError: lhr.runtimeError?.message ?? null,
    warnings: lhr.runWarnings,
    scores,
    performanceRuns,
    lost: losses,
  };
}

/** A category's score as Lighthouse shows it, 0 to 100; null when it could not be scored. */
function percent(lhr, category) {
  const score = lhr.categories[category]?.score;
  return score === null || score === undefined ? null : Math.round(score * 100);
}

const results = [];
let slowdown;
try {
  for (const dark of [false, true]) {
    const schemeRuns = runs.filter((run) => run.endsWith('-dark') === dark);
    if (schemeRuns.length === 0) {
      continue;
    }
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lighthouse-profile-'));
    const chromeFlags = dark ? [...FLAGS, '--blink-settings=preferredColorScheme=0'] : FLAGS;
    const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags, userDataDir });
    try {
      // measured once, in the first Chromium: the host is the same for a dark run
      slowdown ??= await calibratedSlowdown(chrome.port, pages[0]);
      for (const [index, page] of pages.entries()) {
        for (const run of schemeRuns) {
          const file = `${String(index + 1).padStart(2, '0')}-${run}.json`;
          const result = await audit(chrome.port, page, run, file, slowdown);
          results.push(result);
          const scores = CATEGORIES.map((c) => String(result.scores[c]).padStart(4)).join('');
          console.log(`${scores}  ${run.padEnd(13)}${page.kind}`);
        }
      }
    } finally {
      await chrome.kill();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
  }
} finally {
  fs.writeFileSync(path.join(outDir, 'scores.json'), JSON.stringify(results, null, 2));
}
