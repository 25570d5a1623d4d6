// Drives the node's web pages in headless Chromium (from the npm package @sparticuz/chromium, so CI
// needs only the npm registry) and prints one JSON object with what each page showed; the JUnit test
// WebPagesBrowserTest checks it against the server.
//
//   node pages.mjs <group URL> <small file> <tus file> <resume file> [scenarios: form,tus,resume,report (default), auth]
import chromium from '@sparticuz/chromium';
import puppeteer from 'puppeteer-core';

const [group, smallFile, tusFile, resumeFile, only = 'form,tus,resume,report'] = process.argv.slice(2);
const scenarios = only.split(',');
const WAIT = { timeout: 60_000 };

/**
 * A new page that records uncaught errors, console errors, the HTTP error statuses the browser logged
 * (those are answers, not script errors) and the tus requests it makes.
 */
async function open(browser, path) {
  const page = await browser.newPage();
  const seen = { errors: [], statuses: [], tus: [] };
  page.on('pageerror', e => seen.errors.push('pageerror: ' + e.message));
  page.on('console', m => {
    if (m.type() !== 'error') return;
    const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(m.text());
    if (status) seen.statuses.push(Number(status[1]));
    else seen.errors.push('console: ' + m.text());
  });
  page.on('request', r => {
    if (r.url().includes('/big/upload/')) {
      seen.tus.push({ method: r.method(), url: r.url(), offset: r.headers()['upload-offset'] ?? null });
    }
  });
  page.on('dialog', d => d.accept());
  await page.goto(group + path, { waitUntil: 'load' });
  return { page, seen };
}

const text = (page, selector) => page.$eval(selector, e => e.textContent.trim());
const href = (page, selector) => page.$eval(selector, e => e.href);

/** The standard form: a file, a scene and a UTF-8 name typed in, submitted by the page's XMLHttpRequest. */
async function formUpload(browser) {
  const { page, seen } = await open(browser, '/upload.html');
  const defaults = await page.$$eval('#std-form input[type=text]', es => Object.fromEntries(es.map(e => [e.name, e.value])));
  await (await page.$('#file')).uploadFile(smallFile);
  await page.$eval('#scene', e => { e.value = ''; });
  await page.type('#scene', 'browser');
  await page.type('#filename', '报告 1.txt');
  await page.click('#std-submit');
  await page.waitForSelector('#std-reply p.ok, #std-reply p.bad', WAIT);
  const out = { defaults, line: await text(page, '#std-reply p'), url: await href(page, '#std-reply a'),
    reply: await text(page, '#std-reply pre'), errors: seen.errors, statuses: seen.statuses };
  await page.close();
  return out;
}

/** The resumable uploader: a file chosen in the drop zone's input goes up in 8 MiB tus chunks. */
async function tusUpload(browser) {
  const { page, seen } = await open(browser, '/upload.html');
  await (await page.$('#tus-files')).uploadFile(tusFile);
  await page.waitForSelector('#tus-list li .ok, #tus-list li .bad', WAIT);
  const out = { status: await text(page, '#tus-list li .upload-status'), url: await href(page, '#tus-list li .result a'),
    requests: seen.tus, errors: seen.errors, statuses: seen.statuses };
  await page.close();
  return out;
}

/**
 * Pause and resume on a slow link, then a reload in the middle of the upload: choosing the file again
 * continues the same upload from the offset the server kept (the URL is in localStorage).
 */
async function pauseReloadResume(browser) {
  const { page, seen } = await open(browser, '/upload.html');
  const cdp = await page.createCDPSession();
  const throttle = bytesPerSecond => cdp.send('Network.emulateNetworkConditions',
    { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
  await cdp.send('Network.enable');
  await throttle(4 * 1024 * 1024);
  const progress = () => page.$eval('#tus-list li progress', e => e.value);
  await (await page.$('#tus-files')).uploadFile(resumeFile);
  await page.waitForFunction(() => document.querySelector('#tus-list li progress')?.value >= 10, WAIT);
  await page.click('#tus-list li button');
  await page.waitForFunction(() => document.querySelector('#tus-list li [role=status]')?.textContent === 'Paused', WAIT);
  const pausedAt = await progress();
  const buttonWhilePaused = await text(page, '#tus-list li button');
  await page.click('#tus-list li button');
  await page.waitForFunction(() => document.querySelector('#tus-list li progress')?.value >= 50, WAIT);
  const stored = await page.evaluate(() => Object.keys(localStorage).filter(k => k.startsWith('tus::'))
    .map(k => localStorage.getItem(k)));
  await page.reload({ waitUntil: 'load' });
  await throttle(-1);
  await (await page.$('#tus-files')).uploadFile(resumeFile);
  await page.waitForSelector('#tus-list li .ok, #tus-list li .bad', WAIT);
  const out = { pausedAt, buttonWhilePaused, stored, status: await text(page, '#tus-list li .upload-status'),
    url: await href(page, '#tus-list li .result a'), requests: seen.tus, errors: seen.errors, statuses: seen.statuses };
  await page.close();
  return out;
}

/** With auth_url on: the form and the tus uploader without a token, then with one typed into the page. */
async function authUploads(browser) {
  const { page, seen } = await open(browser, '/upload.html');
  const submitForm = async () => {
    await page.click('#std-submit'); // the page empties the reply box at once, so the next reply is new
    await page.waitForSelector('#std-reply p.ok, #std-reply p.bad', WAIT);
    return text(page, '#std-reply p');
  };
  const tusStatus = async (file, n) => {
    await (await page.$('#tus-files')).uploadFile(file);
    const item = `#tus-list li:nth-child(${n})`;
    await page.waitForSelector(`${item} .ok, ${item} .bad`, WAIT);
    return text(page, `${item} .upload-status`);
  };
  await (await page.$('#file')).uploadFile(smallFile);
  const out = { formWithout: await submitForm(), tusWithout: await tusStatus(resumeFile, 1) };
  await page.type('#auth_token', 'good');
  out.formWith = await submitForm();
  out.tusWith = await tusStatus(tusFile, 2);
  out.errors = seen.errors;
  out.statuses = seen.statuses;
  await page.close();
  return out;
}

/** The report: totals and both charts from stat?echart=1, then a maintenance button after its confirm(). */
async function report(browser) {
  const { page, seen } = await open(browser, '/report');
  await page.waitForFunction(() => document.getElementById('totals').textContent.startsWith('Total files'), WAIT);
  const out = { totals: await text(page, '#totals'),
    countBars: await page.$$eval('#chart-count svg rect', es => es.length),
    sizeBars: await page.$$eval('#chart-size svg rect', es => es.length),
    rows: await page.$$eval('#table-body tr', rs => rs.map(r => [...r.cells].map(c => c.textContent))) };
  await page.click('button[data-path="/remove_empty_dir"]');
  await page.waitForSelector('#log li', WAIT);
  out.action = await page.$eval('#log li', e => ({ cls: e.className, text: e.textContent }));
  out.actionStatus = await text(page, '#action-status');
  out.errors = seen.errors;
  out.statuses = seen.statuses;
  await page.close();
  return out;
}

// No WebGL (the pages need none) and the normal multi-process browser: the package's Lambda defaults
// (--single-process, SwiftShader in process) crash now and then at start on an ordinary Linux host.
chromium.setGraphicsMode = false;
// --disable-dev-shm-usage: a container's small /dev/shm must not limit the renderer
const args = [...chromium.args.filter(a => a !== '--single-process'), '--disable-dev-shm-usage'];

/** Starts the browser; a start that crashes is tried again, twice at most. */
async function launch() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await puppeteer.launch({ executablePath: await chromium.executablePath(), args, headless: true });
    } catch (e) {
      if (attempt === 3) throw e;
      console.error(`browser start ${attempt} failed, trying again: ${e.message.split('\n')[0]}`);
    }
  }
}

const browser = await launch();
try {
  const result = { version: await browser.version() };
  if (scenarios.includes('form')) result.form = await formUpload(browser);
  if (scenarios.includes('tus')) result.tus = await tusUpload(browser);
  if (scenarios.includes('resume')) result.resume = await pauseReloadResume(browser);
  if (scenarios.includes('report')) result.report = await report(browser);
  if (scenarios.includes('auth')) result.auth = await authUploads(browser);
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
