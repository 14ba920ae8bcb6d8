// The browser test: a fresh dev node serving the built web app from its gateway; Alice
// registers a 3-chunk dataset with the loam CLI and offers it for 25 dUSD; in headless
// Chromium (Debian's, driven by playwright-core) the test wallet (tests/extension.ts,
// backed by the dev keyring) connects as Charlie, buys with CheckMetadataHash enabled,
// and downloads. One download has a chunk altered in transit and must be refused; the
// next must verify every chunk against the on-chain root and give back Alice's rows.
// Fails if the grant does not appear or a chunk does not verify. The final page's
// screenshot is kept in tests/artifacts/.
//
//   npm test            (after `npm run build` and the node's build; scripts/test.sh does both)
//   LOAM_NODE_BIN=…  LOAM_BIN=…  CHROMIUM=/usr/bin/chromium  to override the binaries
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/loam/target');
const nodeBin = process.env.LOAM_NODE_BIN ?? join(target, 'release/loam-node');
const loamBin = process.env.LOAM_BIN ?? join(target, 'release/loam');
const chromiumBin = process.env.CHROMIUM ?? '/usr/bin/chromium';
const artifacts = join(web, 'tests/artifacts');
const step = (s) => console.log(`[web e2e] ${s}`);

for (const [what, path] of [
  ['loam-node', nodeBin],
  ['loam', loamBin],
  ['chromium', chromiumBin],
  ['the web build (npm run build)', join(web, 'dist/index.html')],
  ['the test wallet (npm run build)', join(web, 'tests/.build/extension.js')],
]) {
  if (!existsSync(path)) throw new Error(`${what} missing at ${path}`);
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const work = mkdtempSync(join(tmpdir(), 'loam-web-'));
const [rpc, p2p, gw] = [await freePort(), await freePort(), await freePort()];
const env = { ...process.env, LOAM_URL: `ws://127.0.0.1:${rpc}`, LOAM_GATEWAY: `http://127.0.0.1:${gw}`, LOAM_STATE_DIR: join(work, 'state') };
const nodeLog = join(work, 'node.log');
let node;
let browser;

async function main() {
  step(`starting a dev node (RPC ${rpc}, gateway and web app on ${gw})`);
  const { openSync } = await import('node:fs');
  const log = openSync(nodeLog, 'w');
  node = spawn(
    nodeBin,
    ['--dev', '--tmp', '--rpc-port', rpc, '--port', p2p, '--gateway', `127.0.0.1:${gw}`, '--gateway-store', join(work, 'chunks'),
      '--gateway-web', join(web, 'dist'), '--no-prometheus', '--no-telemetry', '--no-mdns'].map(String),
    { stdio: ['ignore', log, log] },
  );
  const loam = (...args) => JSON.parse(execFileSync(loamBin, ['--json', ...args], { env, encoding: 'utf8' }));
  for (let i = 0; ; i++) {
    try {
      loam('chain', 'status');
      break;
    } catch (e) {
      if (i > 90 || node.exitCode !== null) throw new Error(`the node did not come up:\n${readFileSync(nodeLog, 'utf8').slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  step('Alice registers a 2,500-row dataset (3 chunks) and offers it for 25 dUSD');
  const rows = ['station,reading,kind'];
  for (let i = 0; i < 2500; i++) rows.push(`${i % 17},${(i * 37) % 1000 - 200},${['soil', 'air', 'water'][i % 3]}`);
  const csv = join(work, 'field.csv');
  writeFileSync(csv, rows.join('\n') + '\n');
  const reg = loam('--suri', '//Alice', 'dataset', 'register', csv, '--name', 'field readings', '--description', 'readings of three kinds',
    '--tag', 'sensors', '--license', 'CC-BY-4.0', '--type', 'reading=decimal(1)', '--type', 'kind=category');
  const version = reg.version;
  assert.equal(reg.uploaded, 3, 'three chunks uploaded');
  assert.equal(loam('--suri', '//Alice', 'offer', 'create', String(version), '--price', '25', '--asset', 'dusd').offer, 0);

  step('opening the app in headless Chromium with the test wallet');
  browser = await chromium.launch({ executablePath: chromiumBin, headless: true, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1200, height: 1400 } });
  await context.addInitScript({ path: join(web, 'tests/.build/extension.js') });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.setDefaultTimeout(60_000);
  await page.goto(`http://127.0.0.1:${gw}/?rpc=ws://127.0.0.1:${rpc}`);
  await page.waitForSelector(`tr[data-dataset="${version}"]`);
  assert.match(await page.textContent('#chain'), /Loam Development/);

  step('connecting the wallet (Charlie) and opening the dataset');
  await page.click('#connect');
  await page.waitForSelector('#account:not([hidden])');
  assert.match(await page.textContent('#account'), /Charlie \(xkRd23/, 'in the chain\'s SS58 format (5626)');
  await page.click(`tr[data-dataset="${version}"] a`);
  await page.waitForSelector('#title');
  assert.match(await page.textContent('#title'), /field readings/);
  assert.equal(await page.getAttribute('#grant', 'data-access'), 'false');
  assert.ok(await page.isDisabled('#download'), 'no download before the purchase');
  await page.waitForSelector('svg.lineage [data-lineage]');

  step('buying: price, fee estimate, signature with CheckMetadataHash, inclusion, grant');
  await page.click('button.buy[data-offer="0"]');
  await page.waitForSelector('#fee');
  assert.equal((await page.textContent('#price')).trim(), '25 dUSD');
  assert.match(await page.textContent('#fee'), /\d.* LOAM/);
  await page.click('#buy');
  // The grant, or the app's error (a refused transaction) without waiting out the timeout.
  await page.waitForSelector('#grant[data-access="true"], #message.error', { timeout: 90_000 });
  if (await page.isVisible('#message.error')) {
    throw new Error(`the grant did not appear: ${await page.textContent('#message')}`);
  }
  assert.match(await page.textContent('#grant'), /forever/);
  const signed = await page.evaluate(() => window.__loamWallet.signed);
  const payloads = signed.filter((s) => s.kind === 'payload');
  assert.equal(payloads.length, 1, 'one transaction signed');
  assert.equal(payloads[0].mode, 1, 'CheckMetadataHash enabled');
  assert.match(payloads[0].metadataHash, /^0x[0-9a-f]{64}$/);

  step('a download with chunk 1 altered in transit is refused');
  await page.route(`**/v1/datasets/${version}/chunks/1`, async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    // A byte of the chunk's last cells: the envelope ends with the Merkle path (index,
    // then 2 siblings of 32 bytes for 3 chunks: 69 bytes).
    body[body.length - 69 - 3] ^= 0x01;
    await route.fulfill({ response, body });
  });
  await page.click('#download');
  await page.waitForSelector('#download-error');
  assert.match(await page.textContent('#download-error'), /chunk 1|does not|decode/);
  await page.unroute(`**/v1/datasets/${version}/chunks/1`);
  consoleErrors.length = 0; // the app logs the refused download

  step('a clean download verifies every chunk against the on-chain root');
  await page.click('#download');
  await page.waitForSelector('#verified');
  assert.equal(await page.getAttribute('#verified', 'data-chunks'), '3');
  assert.ok(await page.isHidden('#message'), 'the refused download\'s message is gone');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')]);
  const saved = join(work, 'download.csv');
  await download.saveAs(saved);
  const got = readFileSync(saved, 'utf8').trim().split('\n');
  assert.equal(got.length, 2501, 'header and 2,500 rows');
  assert.equal(got[0], 'station,reading,kind');
  // Decimal(1): "-200" reads back as "-200.0"; the rest as written.
  const norm = (line) => line.split(',').map((c, i) => (i === 1 ? Number(c).toFixed(1) : c)).join(',');
  assert.deepEqual(got.slice(1).map(norm), rows.slice(1).map(norm));

  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'purchase-and-download.png'), fullPage: true });
  const fatal = consoleErrors.filter((e) => !/favicon/.test(e));
  assert.deepEqual(fatal, [], 'no errors in the page');
  step(`passed; screenshot in ${join(artifacts, 'purchase-and-download.png')}`);
}

try {
  await main();
} catch (e) {
  console.error(`[web e2e] FAILED: ${e.stack ?? e}`);
  if (existsSync(nodeLog)) console.error(`--- node log (tail) ---\n${readFileSync(nodeLog, 'utf8').split('\n').slice(-25).join('\n')}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  node?.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(work, { recursive: true, force: true });
}
