// Loam's wallet dApp: browse datasets (score, attestation, lineage, offers), buy access
// with a browser wallet, download through the gateway and verify every chunk in the page.
//
// Query parameters: `?rpc=ws://host:9944` (default: the page's host, port 9944).
import './style.css';
import { Chain, type Dataset, type Offer } from './chain';
import { estimate, purchase } from './buy';
import { downloadCsv } from './download';
import { bytes, esc, formatUnits, percent, ppm, short } from './format';
import { lineageSvg, type LineageNode } from './lineage';
import { Verifier } from './verifier';
import { connectWallet, type Account } from './wallet';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const main = $('main');

const state: { chain?: Chain; verifier?: Verifier; accounts: Account[]; account?: Account } = { accounts: [] };

function defaultRpc(): string {
  const param = new URLSearchParams(location.search).get('rpc');
  if (param) return param;
  const host = location.hostname || '127.0.0.1';
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${host}:9944`;
}

function say(text: string, error = false) {
  const m = $('message');
  m.hidden = false;
  m.textContent = text;
  m.className = error ? 'error' : '';
}

function clearMessage() {
  $('message').hidden = true;
}

function fail(e: unknown) {
  say(e instanceof Error ? e.message : String(e), true);
  console.error(e);
}

async function scoreBadge(chain: Chain, id: number): Promise<string> {
  const s = await chain.score(id);
  if (!s) return '<span class="badge" data-score="pending">not scored yet</span>';
  if (s.outcome !== 'scored') return `<span class="badge bad" data-score="${s.outcome}">${s.outcome}</span>`;
  return `<span class="badge good" data-score="${s.overallBp}">${percent(s.overallBp!)}</span>`;
}

async function attestationText(chain: Chain, d: Dataset): Promise<string> {
  if (d.parent === null) return '<span class="badge">original</span>';
  const a = await chain.attestation(d.id);
  if (!a) return '<span class="badge bad">not attested</span>';
  const good = a.status === 'attested';
  return `<span class="badge ${good ? 'good' : ''}" data-attestation="${esc(a.status)}">${esc(a.status)} (${esc(a.mode.toLowerCase())})</span>`;
}

async function showList() {
  const chain = state.chain!;
  const ids = await chain.datasetIds();
  const rows = await Promise.all(
    ids.map(async (id) => {
      const d = await chain.dataset(id);
      if (!d) return '';
      const [score, att, offers] = await Promise.all([scoreBadge(chain, id), attestationText(chain, d), chain.offers(id)]);
      const cheapest = offers.filter((o) => !o.paused).sort((a, b) => (a.price < b.price ? -1 : 1))[0];
      return `<tr class="row" data-dataset="${id}" onclick="location.hash='#/dataset/${id}'">
        <td>#${id}</td><td><a href="#/dataset/${id}">${esc(d.name)}</a></td>
        <td>${d.rows.toLocaleString('en-US')}</td><td>${score}</td><td>${att}</td>
        <td>${cheapest ? esc(formatUnits(cheapest.price, cheapest.asset.decimals, cheapest.asset.symbol)) : '—'}</td></tr>`;
    }),
  );
  main.innerHTML = `<h2>Datasets</h2>${
    ids.length === 0
      ? '<p>No dataset is registered yet. Register one with <code>loam dataset register</code>.</p>'
      : `<table><thead><tr><th>Version</th><th>Name</th><th>Rows</th><th>Score</th><th>Attestation</th><th>From</th></tr></thead>
         <tbody>${rows.join('')}</tbody></table>`
  }`;
}

async function node(chain: Chain, id: number): Promise<LineageNode> {
  const [d, s] = await Promise.all([chain.dataset(id), chain.score(id)]);
  const score = s?.overallBp != null ? percent(s.overallBp) : s ? s.outcome : 'not scored';
  return { id, label: d?.name ?? 'retired', detail: `${d ? d.rows.toLocaleString('en-US') + ' rows · ' : ''}${score}` };
}

function offerRow(o: Offer, canBuy: boolean): string {
  const price = formatUnits(o.price, o.asset.decimals, o.asset.symbol);
  const limits = [o.cap !== null ? `${o.sold}/${o.cap} sold` : `${o.sold} sold`, o.allowList ? 'allow list' : ''].filter(Boolean);
  return `<tr data-offer="${o.index}"><td>#${o.index}</td><td>${esc(price)}</td><td>${esc(o.access)}</td>
    <td>${esc(limits.join(', '))}${o.paused ? ' <span class="badge">paused</span>' : ''}</td>
    <td><button class="buy" data-offer="${o.index}" ${canBuy && !o.paused ? '' : 'disabled'}>Buy</button></td></tr>`;
}

async function showDataset(id: number) {
  const chain = state.chain!;
  const d = await chain.dataset(id);
  if (!d) {
    main.innerHTML = `<p>Version #${id} does not exist or was retired. <a href="#/">All datasets</a></p>`;
    return;
  }
  const [score, att, offers, ancestors, children] = await Promise.all([
    chain.score(id),
    attestationText(chain, d),
    chain.offers(id),
    chain.ancestors(id),
    chain.children(id),
  ]);
  const [up, self, down] = await Promise.all([
    Promise.all([...ancestors].reverse().map((a) => node(chain, a))),
    node(chain, id),
    Promise.all(children.map((c) => node(chain, c))),
  ]);
  const report = score?.report;
  const account = state.account;
  const [access, grant] = account
    ? await Promise.all([chain.hasAccess(account.address, id), chain.grant(account.address, id)])
    : [false, null];
  main.innerHTML = `
    <p><a href="#/">← All datasets</a></p>
    <h2 id="title">#${id} ${esc(d.name)}</h2>
    <p>${esc(d.description)}</p>
    <section><dl>
      <dt>Owner</dt><dd title="${d.owner}">${short(d.owner)}</dd>
      <dt>Rows</dt><dd>${d.rows.toLocaleString('en-US')} in ${d.chunks} chunks (${bytes(d.bytes)})</dd>
      <dt>License</dt><dd>${esc(d.license)}</dd>
      <dt>Tags</dt><dd>${d.tags.map((t) => `<span class="badge">${esc(t)}</span>`).join(' ') || '—'}</dd>
      <dt>Root</dt><dd><code>${d.root}</code></dd>
      <dt>Gateway</dt><dd>${esc(d.endpoint)}</dd>
      <dt>Attestation</dt><dd>${att}</dd>
      <dt>Score</dt><dd>${await scoreBadge(chain, id)}${
        score ? ` <span class="muted">${score.agreeing} of ${score.validators} validators agreed, block ${score.finalized}</span>` : ''
      }</dd>
      ${
        report
          ? `<dt>Quality</dt><dd>duplicate rows ${ppm(report.duplicateRows)}, conformance ${ppm(report.conformance)}, outliers ${ppm(report.outliers)}</dd>`
          : ''
      }
    </dl></section>
    <section><h3>Lineage</h3>${lineageSvg(up, self, down)}</section>
    <section><h3>Offers</h3>${
      offers.length
        ? `<table><thead><tr><th>Offer</th><th>Price</th><th>Access</th><th></th><th></th></tr></thead><tbody>${offers
            .map((o) => offerRow(o, !!account && !access))
            .join('')}</tbody></table>`
        : '<p>No open offer.</p>'
    }
    ${!account ? '<p class="muted">Connect a wallet to buy.</p>' : ''}
    <div id="confirm"></div></section>
    <section><h3>Access</h3>
      <p id="grant" data-access="${access}">${
        access ? `You have access${grant ? ` (${grant})` : ' (owner)'}.` : account ? 'You have no access yet.' : 'Connect a wallet to see your access.'
      }</p>
      <button id="download" ${access ? '' : 'disabled'}>Download and verify</button>
      <div id="download-status"></div>
    </section>`;
  main.querySelectorAll<HTMLButtonElement>('button.buy').forEach((b) =>
    b.addEventListener('click', () => confirmPurchase(d, offers.find((o) => o.index === Number(b.dataset.offer))!).catch(fail)),
  );
  $('download').addEventListener('click', () => download(d).catch(fail));
}

async function confirmPurchase(d: Dataset, offer: Offer) {
  const chain = state.chain!;
  const account = state.account!;
  const box = $('confirm');
  box.innerHTML = '<p>Estimating…</p>';
  const e = await estimate(chain, account, d, offer);
  const sym = (x: bigint) => esc(formatUnits(x, offer.asset.decimals, offer.asset.symbol));
  const fee = esc(formatUnits(e.fee, chain.native.decimals, chain.native.symbol));
  const shares = ((e.quote?.shares ?? []) as { who: string; amount: string | number; role: any }[])
    .map((s) => {
      const role = typeof s.role === 'string' ? s.role : Object.keys(s.role)[0];
      return `<li>${esc(role)}: ${sym(BigInt(s.amount))} to ${short(chain.api.createType('AccountId', s.who).toString())}</li>`;
    })
    .join('');
  const short_ = e.balance < offer.price;
  box.innerHTML = `<section class="confirm">
    <dl><dt>Price</dt><dd id="price">${sym(offer.price)}</dd>
    <dt>Network fee (estimate)</dt><dd id="fee">${fee}</dd>
    <dt>Your balance</dt><dd>${sym(e.balance)}</dd></dl>
    <p>Where the price goes:</p><ul>${shares}</ul>
    ${short_ ? '<p class="error">Your balance does not cover the price.</p>' : ''}
    <button id="buy" ${short_ ? 'disabled' : ''}>Confirm purchase</button>
    <button id="cancel" class="secondary">Cancel</button></section>`;
  $('cancel').addEventListener('click', () => (box.innerHTML = ''));
  $('buy').addEventListener('click', async () => {
    ($('buy') as HTMLButtonElement).disabled = true;
    clearMessage();
    try {
      const block = await purchase(chain, account, d, offer, (s) => say(s));
      say(`Purchased in block ${block.slice(0, 10)}…; access granted.`);
      await showDataset(d.id);
    } catch (err) {
      ($('buy') as HTMLButtonElement).disabled = false;
      fail(err);
    }
  });
}

async function download(d: Dataset) {
  const status = $('download-status');
  const button = $('download') as HTMLButtonElement;
  button.disabled = true;
  clearMessage();
  status.innerHTML = `<progress id="progress" max="${d.chunks}" value="0"></progress><p id="progress-text">Asking your wallet to sign the request…</p>`;
  try {
    const blob = await downloadCsv(state.verifier!, state.account!, d, (p) => {
      ($('progress') as HTMLProgressElement).value = p.verified;
      $('progress-text').textContent = `${p.verified} of ${p.chunks} chunks verified (${p.rows.toLocaleString('en-US')} rows)`;
    });
    const url = URL.createObjectURL(blob);
    status.innerHTML = `<p id="verified" data-chunks="${d.chunks}" data-rows="${d.rows}">All ${d.chunks} chunks verified against the on-chain root:
      ${d.rows.toLocaleString('en-US')} rows.</p><a id="save" href="${url}" download="loam-${d.id}.csv">Save loam-${d.id}.csv (${bytes(blob.size)})</a>`;
  } catch (e) {
    status.innerHTML = `<p id="download-error" class="error">${esc((e as Error).message)}</p>`;
    throw e;
  } finally {
    button.disabled = false;
  }
}

async function route() {
  if (!state.chain) return;
  const m = location.hash.match(/^#\/dataset\/(\d+)$/);
  try {
    if (m) await showDataset(Number(m[1]));
    else await showList();
  } catch (e) {
    fail(e);
  }
}

async function connect() {
  try {
    state.accounts = await connectWallet(state.chain?.api.registry.chainSS58);
    const select = $<HTMLSelectElement>('account');
    select.innerHTML = state.accounts
      .map((a, i) => `<option value="${i}">${esc(a.meta.name ?? short(a.address))} (${short(a.address)}) · ${esc(a.meta.source)}</option>`)
      .join('');
    select.hidden = false;
    state.account = state.accounts[0];
    select.onchange = () => {
      state.account = state.accounts[Number(select.value)];
      route();
    };
    $('connect').hidden = true;
    await route();
  } catch (e) {
    fail(e);
  }
}

async function start() {
  const rpc = $<HTMLInputElement>('rpc');
  rpc.value = defaultRpc();
  rpc.addEventListener('change', () => {
    const u = new URL(location.href);
    u.searchParams.set('rpc', rpc.value);
    location.href = u.toString();
  });
  $('connect').addEventListener('click', connect);
  window.addEventListener('hashchange', route);
  try {
    const [chain, verifier] = await Promise.all([Chain.connect(rpc.value), Verifier.load()]);
    state.chain = chain;
    state.verifier = verifier;
    chain.api.rpc.chain.subscribeNewHeads((h) => {
      $('chain').textContent = `${chain.name} · block ${h.number.toNumber()}`;
    });
    await route();
  } catch (e) {
    fail(new Error(`Cannot reach the node at ${rpc.value}: ${(e as Error).message ?? e}`));
  }
}

start();
