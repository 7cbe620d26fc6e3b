// tao4j explorer: a single page, hash routes, every value from the node's own JSON-RPC (docs/rpc.md),
// live updates over the WebSocket subscription chain_subscribeNewHeads. No framework, no build step.
'use strict';
(() => {
  const RAO = 1000000000n;
  const view = document.getElementById('view');

  // ---------- JSON-RPC ----------

  // Amounts can exceed 2^53: integers that do not fit a double exactly become BigInt (the reviver's
  // source text, where the browser provides it).
  function parse(text) {
    return JSON.parse(text, (k, v, ctx) =>
      (typeof v === 'number' && !Number.isSafeInteger(v) && ctx && /^-?\d+$/.test(ctx.source)) ? BigInt(ctx.source) : v);
  }

  class RpcError extends Error {
    constructor(e) { super(e.message); this.code = e.code; }
  }

  let nextId = 1;
  async function post(body) {
    const r = await fetch('/', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return parse(await r.text());
  }

  async function rpc(method, ...params) {
    const j = await post({ jsonrpc: '2.0', id: nextId++, method, params });
    if (j.error) throw new RpcError(j.error);
    return j.result;
  }

  // Several calls in JSON-RPC batches (the node takes at most 1,000 a batch; we send 200).
  async function batch(calls) {
    const out = new Array(calls.length);
    for (let start = 0; start < calls.length; start += 200) {
      const part = calls.slice(start, start + 200);
      const replies = await post(part.map((c, i) => ({ jsonrpc: '2.0', id: start + i, method: c[0], params: c.slice(1) })));
      for (const x of replies) {
        if (x.error) throw new RpcError(x.error);
        out[x.id] = x.result;
      }
    }
    return out;
  }

  // ---------- HTML and formatting ----------

  class Raw { constructor(s) { this.s = s; } }
  const raw = s => new Raw(s);
  const esc = v => String(v).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const piece = v => v instanceof Raw ? v.s : Array.isArray(v) ? v.map(piece).join('') : v == null ? '' : esc(v);
  function html(strings, ...vals) {
    let out = strings[0];
    vals.forEach((v, i) => { out += piece(v) + strings[i + 1]; });
    return raw(out);
  }

  // τ with 9 decimals, like btcli: τ1,234.500000000
  function tau(v) {
    if (v == null) return '—';
    let b = BigInt(v);
    const neg = b < 0n;
    if (neg) b = -b;
    return (neg ? '-' : '') + 'τ' + (b / RAO).toLocaleString('en-US') + '.' + (b % RAO).toString().padStart(9, '0');
  }
  const int = v => v == null ? '—' : BigInt(v).toLocaleString('en-US');
  const u16 = v => (Number(v) / 65535).toFixed(4);
  const ppm = v => (Number(v) / 10000).toFixed(2) + '%';
  function share(dec) { // a decimal string from the RPC (I32F32), e.g. "0.25"
    const x = Number(dec);
    return Number.isFinite(x) ? (x * 100).toFixed(2) + '%' : String(dec);
  }
  function short(s, head = 8, tail = 6) {
    return s.length > head + tail + 1 ? s.slice(0, head) + '…' + s.slice(-tail) : s;
  }
  // A hash or address: short, linked, with a copy button holding the full value.
  function ident(full, href, head, tail) {
    const label = short(full, head, tail);
    return html`<span class="h">${href ? html`<a href="${href}" title="${full}">${label}</a>` : html`<span title="${full}">${label}</span>`}<button type="button" class="copy" data-copy="${full}" title="Copy ${full}" aria-label="Copy">${COPY_ICON}</button></span>`;
  }
  const COPY_ICON = raw('<svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true"><rect x="5" y="5" width="9" height="9" rx="1" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M3 11V3a1 1 0 0 1 1-1h7" fill="none" stroke="currentColor" stroke-width="1.6"/></svg>');
  const addr = a => a == null ? '—' : ident(a, '#/account/' + a, 6, 6);
  const blockHash = h => ident(h, '#/block/' + h);
  const when = ms => {
    const d = new Date(Number(ms));
    return html`<span title="${d.toISOString()}">${d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}</span>`;
  };

  function render(page, content) {
    if (page !== current) return false; // the user went elsewhere meanwhile
    view.innerHTML = content.s;
    return true;
  }
  function notFound(page, what) {
    render(page, html`<section class="notfound" id="not-found"><h1>Not found</h1><p>${what}</p>
      <p><a href="#/">Back to the overview</a></p></section>`);
  }
  function failed(page, e) {
    render(page, html`<div class="error" id="error"><strong>The node answered with an error:</strong> ${e.message}</div>`);
  }

  // Runs fn at most once at a time; a call that arrives meanwhile runs once more afterwards.
  function coalesce(fn) {
    let busy = false, again = false;
    const run = async () => {
      if (busy) { again = true; return; }
      busy = true;
      try { await fn(); } catch (e) { /* the next head retries */ } finally {
        busy = false;
        if (again) { again = false; run(); }
      }
    };
    return run;
  }

  // ---------- live heads over the WebSocket ----------

  let lastHead = null;
  const live = document.getElementById('live');
  function connect() {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/');
    ws.onopen = () => ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_subscribeNewHeads', params: [] }));
    ws.onmessage = ev => {
      const m = parse(ev.data);
      if (m.method === 'chain_newHead' && m.params) {
        lastHead = m.params.result;
        live.textContent = '● live #' + lastHead.number;
        live.classList.remove('off');
        if (current && current.onHead) current.onHead(lastHead);
      }
    };
    ws.onclose = () => {
      live.textContent = '○ reconnecting';
      live.classList.add('off');
      setTimeout(connect, 3000);
    };
  }

  // ---------- pages ----------

  const HALVING_ERA_BLOCKS = 10500000; // each era mints 10.5M · its block emission (yuma.md §4)
  const SUPPLY = 21000000n * RAO;

  function issuanceChart(issuance, head, blockEmission) {
    const W = 640, H = 260, L = 70, R = 16, T = 14, B = 36;
    const eras = 6, maxX = eras * HALVING_ERA_BLOCKS, maxY = 21e6;
    const x = b => L + (W - L - R) * b / maxX;
    const y = t => H - B - (H - T - B) * t / maxY;
    let path = '', tao = 0, grid = '';
    for (let e = 0; e <= eras; e++) {
      path += (e === 0 ? 'M' : 'L') + x(e * HALVING_ERA_BLOCKS).toFixed(1) + ',' + y(tao).toFixed(1);
      const thr = 21e6 * (1 - Math.pow(2, -(e + 1)));
      if (e < 3) grid += `<line class="grid" x1="${L}" x2="${W - R}" y1="${y(thr).toFixed(1)}" y2="${y(thr).toFixed(1)}"/>` +
        `<text x="${W - R - 2}" y="${(y(thr) - 3).toFixed(1)}" text-anchor="end">halving ${e + 1} at τ${(thr / 1e6).toFixed(3)}M</text>`;
      tao += HALVING_ERA_BLOCKS / Math.pow(2, e);
    }
    // where the chain is on the schedule: the emission blocks that lead to this issuance
    const iss = Number(BigInt(issuance) / RAO);
    let era = 0, base = 0;
    while (era < 40 && iss >= 21e6 * (1 - Math.pow(2, -(era + 1)))) { base += HALVING_ERA_BLOCKS / Math.pow(2, era); era++; }
    const startTao = 21e6 * (1 - Math.pow(2, -era));
    const bNow = Math.min(maxX, era * HALVING_ERA_BLOCKS + (iss - startTao) * Math.pow(2, era));
    let ticks = '';
    for (let e = 0; e <= eras; e += 2) ticks += `<text x="${x(e * HALVING_ERA_BLOCKS).toFixed(1)}" y="${H - B + 16}" text-anchor="middle">${(e * 10.5).toFixed(0)}M</text>`;
    for (const t of [0, 7e6, 14e6, 21e6]) ticks += `<text x="${L - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">τ${t / 1e6}M</text>`;
    return raw(`<svg class="chart" id="issuance-chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="Issuance against the halving schedule">
      ${grid}<line class="axis" x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}"/><line class="axis" x1="${L}" y1="${T}" x2="${L}" y2="${H - B}"/>
      ${ticks}<text x="${(L + W - R) / 2}" y="${H - 4}" text-anchor="middle">blocks of emission at full schedule</text>
      <path class="curve" d="${path}"/>
      <circle class="now" cx="${x(bNow).toFixed(1)}" cy="${y(Math.min(iss, maxY)).toFixed(1)}" r="5"><title>now: ${esc(tau(issuance))} at block #${esc(head)}</title></circle>
      <text x="${(x(bNow) + 8).toFixed(1)}" y="${(y(Math.min(iss, maxY)) + 14).toFixed(1)}">now (#${esc(head)})</text></svg>`);
  }

  function nextHalving(issuance, blockEmission, blockMs) {
    const iss = BigInt(issuance);
    if (iss >= SUPPLY) return 'the supply cap is reached: no more emission';
    let thr = SUPPLY / 2n, rest = SUPPLY / 2n;
    while (iss >= thr && rest > 1n) { rest /= 2n; thr += rest; }
    const left = thr - iss;
    const em = BigInt(blockEmission || 0);
    let eta = '';
    if (em > 0n) {
      const blocks = left / em;
      eta = ` ≈ ${int(blocks)} blocks at ${tau(em)} a block`;
      if (blockMs > 0) eta += ` (about ${(Number(blocks) * blockMs / 86400000).toLocaleString('en-US', { maximumFractionDigits: 1 })} days)`;
    }
    return `next halving at ${tau(thr)} issued: ${tau(left)} to go${eta}`;
  }

  function blockRows(blocks, fresh) {
    return blocks.map((b, i) => html`<tr class="${fresh && i === 0 ? 'fresh' : ''}" data-number="${b.number}">
      <td><a href="#/block/${b.number}">#${b.number}</a></td><td>${blockHash(b.hash)}</td><td class="hide-narrow">${when(b.timestamp)}</td>
      <td class="num">${b.extrinsics}</td><td class="hide-narrow">${addr(b.author)}</td></tr>`);
  }
  const blockTable = (id, blocks) => html`<div class="scroll"><table id="${id}"><thead><tr><th>Block</th><th>Hash</th>
    <th class="hide-narrow">Time</th><th class="num">Extrinsics</th><th class="hide-narrow">Author</th></tr></thead>
    <tbody>${blockRows(blocks, false)}</tbody></table></div>`;

  // The median time between consecutive blocks (genesis excluded: its timestamp is the chain spec's).
  function avgBlockMs(blocks) {
    const gaps = [];
    for (let i = 0; i + 1 < blocks.length; i++) {
      if (Number(blocks[i + 1].number) > 0) gaps.push(Number(blocks[i].timestamp) - Number(blocks[i + 1].timestamp));
    }
    if (!gaps.length) return 0;
    gaps.sort((a, b) => a - b);
    return gaps[Math.floor(gaps.length / 2)];
  }

  function transfersOf(eventsList, blocks) {
    const out = [];
    eventsList.forEach((ev, i) => {
      for (const e of (ev ? ev.events : [])) if (e.type === 'Transfer') out.push({ block: blocks[i], e });
    });
    return out;
  }
  const transferRows = ts => ts.map(t => html`<tr><td><a href="#/block/${t.block.number}">#${t.block.number}</a></td>
    <td>${addr(t.e.from)}</td><td>${addr(t.e.to)}</td><td class="num">${tau(t.e.amount)}</td></tr>`);

  async function overview(page) {
    const [supply, finHash, blocks, emission, chain] = await batch([['tao_getSupply'], ['chain_getFinalizedHead'],
      ['tao_getBlocks', null, 12], ['tao_getEmission'], ['system_chain']]);
    const [fin, ...events] = await batch([['chain_getHeader', finHash], ...blocks.map(b => ['tao_getEvents', b.hash])]);
    document.getElementById('chain').textContent = 'Chain: ' + chain + '.';
    const head = blocks[0];
    let ms = avgBlockMs(blocks);
    const ok = render(page, html`<h1>Overview</h1>
      <div class="cards">
        <div class="card"><div class="k">Head block</div><div class="v"><a id="head-number" href="#/block/${head.number}">#${head.number}</a></div></div>
        <div class="card"><div class="k">Finalized block</div><div class="v"><a id="finalized-number" href="#/block/${fin.number}">#${fin.number}</a></div></div>
        <div class="card"><div class="k">Block time</div><div class="v" id="block-time">${ms > 0 ? (ms / 1000).toFixed(2) + ' s' : '—'}</div></div>
        <div class="card"><div class="k">Total issuance</div><div class="v" id="total-issuance">${tau(supply.totalIssuance)}</div></div>
        <div class="card"><div class="k">Block emission</div><div class="v" id="block-emission">${tau(emission.blockEmission)}</div></div>
        <div class="card"><div class="k">Accounts</div><div class="v" id="accounts">${int(supply.accounts)}</div></div>
      </div>
      <h2>Issuance and the halving schedule</h2>
      <div id="issuance">${issuanceChart(supply.totalIssuance, head.number, emission.blockEmission)}</div>
      <p class="muted" id="next-halving">${nextHalving(supply.totalIssuance, emission.blockEmission, ms)}</p>
      <div class="two">
        <section><h2>Latest blocks</h2>${blockTable('latest-blocks', blocks)}</section>
        <section><h2>Latest transfers</h2><div class="scroll"><table id="latest-transfers"><thead><tr><th>Block</th><th>From</th><th>To</th><th class="num">Amount</th></tr></thead>
          <tbody>${transferRows(transfersOf(events, blocks))}</tbody></table></div></section>
      </div>`);
    if (!ok) return;
    let shown = blocks;
    let transfers = transfersOf(events, blocks);
    page.onHead = coalesce(async () => {
      const top = shown[0].number;
      const [fresh, sup, em, finH] = await batch([['tao_getBlocks', null, 12], ['tao_getSupply'], ['tao_getEmission'], ['chain_getFinalizedHead']]);
      const added = fresh.filter(b => b.number > top);
      const [finHeader, ...evs] = await batch([['chain_getHeader', finH], ...added.map(b => ['tao_getEvents', b.hash])]);
      if (page !== current) return;
      shown = fresh;
      transfers = transfersOf(evs, added).concat(transfers).slice(0, 12);
      ms = avgBlockMs(fresh);
      const h = fresh[0];
      const set = (id, v) => { const el = document.getElementById(id); if (el) el.innerHTML = piece(v); };
      const headEl = document.getElementById('head-number');
      headEl.textContent = '#' + h.number; headEl.href = '#/block/' + h.number;
      const finEl = document.getElementById('finalized-number');
      finEl.textContent = '#' + finHeader.number; finEl.href = '#/block/' + finHeader.number;
      set('block-time', ms > 0 ? (ms / 1000).toFixed(2) + ' s' : '—');
      set('total-issuance', tau(sup.totalIssuance));
      set('block-emission', tau(em.blockEmission));
      set('accounts', int(sup.accounts));
      set('issuance', issuanceChart(sup.totalIssuance, h.number, em.blockEmission));
      set('next-halving', nextHalving(sup.totalIssuance, em.blockEmission, ms));
      document.querySelector('#latest-blocks tbody').innerHTML = piece(blockRows(fresh, added.length > 0));
      document.querySelector('#latest-transfers tbody').innerHTML = piece(transferRows(transfers));
    });
  }

  async function blocksPage(page, query) {
    const from = query && query.from != null ? Number(query.from) : null;
    const list = await rpc('tao_getBlocks', from, 25);
    if (!list.length) return notFound(page, `There is no block #${from} yet.`);
    const last = list[list.length - 1].number;
    const pager = html`<div class="pager">${from != null ? html`<a href="#/blocks">Newest</a>` : ''}
      ${last > 0 ? html`<a id="older" href="#/blocks?from=${last - 1}">Older →</a>` : ''}</div>`;
    if (!render(page, html`<h1>Blocks</h1>${pager}${blockTable('blocks', list)}${pager}`)) return;
    if (from == null) {
      let top = list[0].number;
      page.onHead = coalesce(async () => {
        const fresh = await rpc('tao_getBlocks', null, 25);
        if (page !== current) return;
        document.querySelector('#blocks tbody').innerHTML = piece(blockRows(fresh, fresh[0].number > top));
        top = fresh[0].number;
      });
    }
  }

  function callArgs(call) {
    const parts = [];
    for (const [k, v] of Object.entries(call)) {
      if (k === 'call') continue;
      let shown;
      if (v && typeof v === 'object' && !Array.isArray(v)) shown = callCell(v);
      else if (typeof v === 'string' && /^5[1-9A-HJ-NP-Za-km-z]{45,47}$/.test(v)) shown = addr(v);
      else if (/^(amount|stake|lock|burn)$/i.test(k) && v != null) shown = tau(v);
      else if (Array.isArray(v)) shown = '[' + (v.length > 8 ? v.slice(0, 8).join(', ') + ', …' : v.join(', ')) + ']';
      else shown = typeof v === 'string' && v.length > 24 ? short(v) : String(v);
      parts.push(html`<span class="arg">${k}=${shown}</span>`);
    }
    return parts.map((p, i) => i ? html`, ${p}` : p);
  }
  // DomainJson names a call by its "call" field; a call that wraps another (Sudo, Propose) has the inner call there.
  const callCell = c => c.call && typeof c.call === 'object'
    ? html`<strong>(wrapped)</strong> ${callCell(c.call)}${Object.keys(c).length > 1 ? html` (${callArgs(c)})` : ''}`
    : html`<strong>${c.call}</strong>(${callArgs(c)})`;
  const result = x => x.success === true ? html`<span class="ok">✓ success</span>`
    : x.success === false ? html`<span class="bad" title="${x.message || ''}">✗ ${x.error}${x.message ? ': ' + x.message : ''}</span>` : '—';

  function eventText(e) {
    return Object.entries(e).filter(([k]) => k !== 'type').map(([k, v]) =>
      html`${k}=${typeof v === 'string' && /^5[1-9A-HJ-NP-Za-km-z]{45,47}$/.test(v) ? addr(v)
        : /^(amount|fee|stake|burn|lock|emission|totalIssuance)$/i.test(k) && v != null && typeof v !== 'object' ? tau(v)
        : typeof v === 'object' ? JSON.stringify(v, (kk, vv) => typeof vv === 'bigint' ? vv.toString() : vv) : String(v)} `);
  }

  async function blockPage(page, id, query) {
    if (/^\d{16,}$/.test(id)) return notFound(page, `No block #${id} on this node.`);
    const arg = /^\d+$/.test(id) ? Number(id) : id;
    if (typeof arg === 'string' && !/^0x[0-9a-fA-F]{64}$/.test(arg)) {
      return notFound(page, `"${id}" is neither a block number nor a block hash (0x and 64 hex digits).`);
    }
    const b = await rpc('tao_getBlockDetail', arg);
    if (b == null) return notFound(page, `No block ${typeof arg === 'number' ? '#' + arg : arg} on this node.`);
    const h = b.header, hl = query && query.x != null ? Number(query.x) : -1;
    render(page, html`<h1>Block <span id="block-number">#${h.number}</span></h1>
      <dl class="kv">
        <dt>Hash</dt><dd>${ident(h.hash, null, 10, 8)}</dd>
        <dt>Parent</dt><dd>${h.number > 0 ? ident(h.parentHash, '#/block/' + h.parentHash, 10, 8) : '—'}</dd>
        <dt>Time</dt><dd>${when(h.timestamp)}</dd>
        <dt>Author</dt><dd>${addr(h.author)}</dd>
        <dt>State root</dt><dd>${ident(h.stateRoot, null, 10, 8)}</dd>
        <dt>Extrinsics root</dt><dd>${ident(h.extrinsicsRoot, null, 10, 8)}</dd>
      </dl>
      <div class="pager">${h.number > 0 ? html`<a href="#/block/${h.number - 1}">← #${h.number - 1}</a>` : ''}<a href="#/block/${h.number + 1}">#${h.number + 1} →</a></div>
      <h2>Extrinsics (${b.extrinsics.length})</h2>
      ${b.extrinsics.length ? html`<div class="scroll"><table id="extrinsics"><thead><tr><th>#</th><th>Hash</th><th>Signer</th><th>Call</th>
        <th class="num">Fee</th><th>Result</th></tr></thead><tbody>
        ${b.extrinsics.map(x => html`<tr id="x${x.index}" class="${x.index === hl ? 'hl' : ''}"><td>${x.index}</td><td>${ident(x.hash, null)}</td>
          <td>${addr(x.signer)}</td><td class="wrap">${callCell(x.call)}</td><td class="num">${tau(x.fee)}</td><td class="wrap">${result(x)}</td></tr>`)}
      </tbody></table></div>` : html`<p class="muted">No extrinsics.</p>`}
      <h2>Events (${b.events.length})</h2>
      ${b.events.length ? html`<div class="scroll events"><table id="events"><thead><tr><th>#</th><th>Event</th><th>Fields</th></tr></thead><tbody>
        ${b.events.map((e, i) => html`<tr><td>${i}</td><td>${e.type}</td><td class="wrap">${eventText(e)}</td></tr>`)}</tbody></table></div>`
        : html`<p class="muted">No events.</p>`}`);
  }

  async function extrinsicPage(page, hash) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(hash)) return notFound(page, `"${hash}" is not an extrinsic hash (0x and 64 hex digits).`);
    const f = await rpc('tao_findExtrinsic', hash);
    if (!f.found) {
      return notFound(page, `No extrinsic ${hash} in blocks #${f.searchedTo}–#${f.searchedFrom} (the node searches its recent blocks).`);
    }
    const b = await rpc('tao_getBlockDetail', f.block);
    const x = b.extrinsics[f.index];
    render(page, html`<h1>Extrinsic</h1>
      <dl class="kv" id="extrinsic">
        <dt>Hash</dt><dd>${ident(x.hash, null, 10, 8)}</dd>
        <dt>Block</dt><dd><a id="extrinsic-block" href="#/block/${f.blockNumber}?x=${f.index}">#${f.blockNumber}</a>, index ${f.index}</dd>
        <dt>Signer</dt><dd>${addr(x.signer)}</dd>
        <dt>Call</dt><dd>${callCell(x.call)}</dd>
        <dt>Nonce</dt><dd>${x.nonce}</dd>
        <dt>Tip</dt><dd>${tau(x.tip)}</dd>
        <dt>Fee</dt><dd>${tau(x.fee)}</dd>
        <dt>Length</dt><dd>${x.length} bytes</dd>
        <dt>Result</dt><dd>${result(x)}</dd>
      </dl>`);
  }

  async function accountPage(page, a) {
    let bal;
    try {
      bal = await rpc('tao_getBalance', a);
    } catch (e) {
      if (e instanceof RpcError && e.code === -32602) return notFound(page, `"${a}" is not a valid SS58 address.`);
      throw e;
    }
    const [cold, hot, subnets, idn] = await batch([['tao_getStakeForColdkey', a], ['tao_getStakeForHotkey', a], ['tao_getSubnets'], ['tao_getIdentity', a]]);
    const id = idn.identity; // chain.md §12: shown as text, links included (never as markup or hrefs)
    let hist = null, histOff = null;
    try {
      hist = await rpc('tao_getAccountHistory', a, null, HISTORY_PAGE);
    } catch (e) {
      if (!(e instanceof RpcError)) throw e;
      histOff = e.message; // --index none: the node says so
    }
    const graphs = await batch(subnets.map(s => ['tao_getMetagraph', s.netuid, 'hotkeys,coldkeys']));
    const regs = [], hotNets = new Map();
    graphs.forEach((g, i) => {
      const netuid = subnets[i].netuid;
      g.hotkeys.forEach((hk, uid) => {
        if (!hotNets.has(hk)) hotNets.set(hk, []);
        hotNets.get(hk).push(netuid + '/' + uid);
        if (hk === a || g.coldkeys[uid] === a) regs.push({ netuid, uid, hotkey: hk, coldkey: g.coldkeys[uid] });
      });
    });
    const empty = BigInt(bal.free) === 0n && Number(bal.nonce) === 0 && BigInt(bal.staked) === 0n
      && !cold.stakes.length && BigInt(hot.total) === 0n && !regs.length && hot.owner == null && !id
      && !(hist && hist.entries.length);
    if (empty) return notFound(page, `No account ${a} at block #${bal.blockNumber}: it has no balance, stake or registration.`);
    const idFields = id ? [['url', 'Web'], ['github', 'GitHub'], ['discord', 'Discord'], ['image', 'Image'], ['description', 'About']].filter(([k]) => id[k]) : [];
    if (!render(page, html`<h1 id="account-name">${id ? id.name : 'Account'}</h1>
      <p>${ident(a, null, 12, 12)}</p>
      ${id && idFields.length ? html`<dl class="kv" id="account-identity">${idFields.map(([k, label]) => html`<dt>${label}</dt><dd>${id[k]}</dd>`)}</dl>` : ''}
      <div class="cards">
        <div class="card"><div class="k">Free balance</div><div class="v" id="account-free">${tau(bal.free)}</div></div>
        <div class="card"><div class="k">Staked (as coldkey)</div><div class="v" id="account-staked">${tau(cold.total)}</div></div>
        <div class="card"><div class="k">Nonce</div><div class="v">${bal.nonce}</div></div>
      </div>
      <p class="muted">At block <a href="#/block/${bal.blockNumber}">#${bal.blockNumber}</a>.</p>
      <h2>Stake per hotkey and subnet</h2>
      ${cold.stakes.length ? html`<div class="scroll"><table id="stakes"><thead><tr><th>Hotkey</th><th class="num">Stake</th><th>Registered on (netuid/uid)</th></tr></thead><tbody>
        ${cold.stakes.map(s => html`<tr><td>${addr(s.hotkey)}</td><td class="num">${tau(s.amount)}</td>
          <td>${(hotNets.get(s.hotkey) || []).map((n, i) => html`${i ? ', ' : ''}<a href="#/subnet/${n.split('/')[0]}">${n}</a>`)}${(hotNets.get(s.hotkey) || []).length ? '' : html`<span class="muted">not registered</span>`}</td></tr>`)}
      </tbody></table></div>` : html`<p class="muted">This account stakes on no hotkey.</p>`}
      ${BigInt(hot.total) > 0n || hot.owner ? html`<h2>As a hotkey</h2><dl class="kv"><dt>Owner</dt><dd>${addr(hot.owner)}</dd>
        <dt>Take</dt><dd>${ppm(hot.takePpm)}</dd><dt>Total stake</dt><dd>${tau(hot.total)}</dd><dt>Stakers</dt><dd>${hot.stakers.length}</dd></dl>` : ''}
      <h2>Registrations</h2>
      ${regs.length ? html`<div class="scroll"><table id="registrations"><thead><tr><th>Subnet</th><th>UID</th><th>Hotkey</th><th>Coldkey</th></tr></thead><tbody>
        ${regs.map(r => html`<tr><td><a href="#/subnet/${r.netuid}">${r.netuid}</a></td><td>${r.uid}</td><td>${addr(r.hotkey)}</td><td>${addr(r.coldkey)}</td></tr>`)}
      </tbody></table></div>` : html`<p class="muted">No neuron of this account (as hotkey or coldkey).</p>`}
      <h2>History</h2>
      ${hist ? html`<p class="muted">Newest first, from the node's account index (blocks #${hist.indexedFrom}–#${hist.indexedTo}); the entries sum to the balance and stake.</p>
        <div class="scroll"><table id="history"><thead><tr><th>Block</th><th>Kind</th><th class="num">Free</th><th class="num">of it fee</th><th class="num">Stake</th><th>With</th></tr></thead>
        <tbody>${historyRows(hist.entries)}</tbody></table></div>
        <div class="pager"><button type="button" id="history-more" ${hist.next == null ? 'hidden' : ''}>Older entries</button></div>`
        : html`<p class="muted" id="history-off">${histOff}</p>`}`)) return;
    if (!hist) return;
    // new blocks: the balance and the history's new entries (those of blocks after the newest shown)
    let top = hist.entries.length ? hist.entries[0].block : -1;
    page.onHead = coalesce(async () => {
      const [b, h] = await batch([['tao_getBalance', a], ['tao_getAccountHistory', a, null, HISTORY_PAGE]]);
      if (page !== current) return;
      document.getElementById('account-free').textContent = tau(b.free);
      const fresh = h.entries.filter(e => e.block > top);
      if (fresh.length) {
        document.querySelector('#history tbody').insertAdjacentHTML('afterbegin', piece(historyRows(fresh)));
        top = fresh[0].block;
      }
    });
    let cursor = hist.next;
    const more = document.getElementById('history-more');
    more.addEventListener('click', async () => {
      more.disabled = true;
      try {
        const p = await rpc('tao_getAccountHistory', a, cursor, HISTORY_PAGE);
        if (page !== current) return;
        document.querySelector('#history tbody').insertAdjacentHTML('beforeend', piece(historyRows(p.entries)));
        cursor = p.next;
        more.hidden = cursor == null;
      } finally { more.disabled = false; }
    });
  }

  const HISTORY_PAGE = 50;
  const signedTau = v => v == null || BigInt(v) === 0n ? '' : (BigInt(v) > 0n ? '+' : '') + tau(v);
  const historyRows = entries => entries.map(e => html`<tr class="k-${e.kind}" data-block="${e.block}">
    <td><a href="#/block/${e.block}${e.extrinsic != null ? '?x=' + e.extrinsic : ''}">#${e.block}${e.extrinsic != null ? '-' + e.extrinsic : ''}</a></td>
    <td>${e.kind.replace(/_/g, ' ')}</td><td class="num free">${signedTau(e.free)}</td><td class="num muted">${BigInt(e.fee || 0) > 0n ? tau(e.fee) : ''}</td><td class="num stake">${signedTau(e.stake)}</td>
    <td>${e.counterparty ? addr(e.counterparty) : e.hotkey ? html`hotkey ${addr(e.hotkey)}` : ''}${e.netuid != null ? html` <a href="#/subnet/${e.netuid}">netuid ${e.netuid}</a>` : ''}</td></tr>`);

  const subnetName = n => Number(n) === 0 ? 'root' : 'subnet ' + n;

  async function subnetsPage(page) {
    const [subnets, lock] = await batch([['tao_getSubnets'], ['tao_getLockCost']]);
    render(page, html`<h1>Subnets</h1>
      <p>${subnets.length} subnets. Registering the next one locks <strong id="lock-cost">${tau(lock.lockCost)}</strong>.</p>
      <div class="scroll"><table id="subnets"><thead><tr><th>Netuid</th><th>Name</th><th>Owner</th><th class="num">Tempo</th>
        <th class="num">Neurons</th><th class="num">Emission share</th><th class="num">Lock</th><th class="num">Burn (registration)</th></tr></thead><tbody>
        ${subnets.map(s => html`<tr><td><a href="#/subnet/${s.netuid}">${s.netuid}</a></td><td>${s.name || subnetName(s.netuid)}</td><td>${addr(s.owner)}</td>
          <td class="num">${s.hyperparams ? s.hyperparams.tempo : '—'}</td><td class="num">${s.n}${s.hyperparams ? ' / ' + s.hyperparams.maxAllowedUids : ''}</td>
          <td class="num">${share(s.emissionShare)}</td><td class="num">${tau(s.lock)}</td><td class="num">${tau(s.burn)}</td></tr>`)}
      </tbody></table></div>`);
  }

  const COLUMNS = [
    ['uid', 'UID', v => v], ['hotkeys', 'Hotkey', addr], ['coldkeys', 'Coldkey', addr], ['stake', 'Stake', tau],
    ['incentive', 'Incentive', u16], ['dividends', 'Dividends', u16], ['consensus', 'Consensus', u16],
    ['validatorTrust', 'V-trust', u16], ['emission', 'Emission', tau], ['validatorPermit', 'Validator', v => v ? '✓' : ''],
    ['active', 'Active', v => v ? '✓' : ''], ['lastUpdate', 'Updated', v => v]];

  function scatter(rows) {
    const W = 360, H = 300, L = 44, R = 12, T = 12, B = 38;
    const x = v => L + (W - L - R) * Number(v) / 65535, y = v => H - B - (H - T - B) * Number(v) / 65535;
    let s = `<svg class="chart" id="scatter" viewBox="0 0 ${W} ${H}" role="img" aria-label="Incentive against dividends, one point per neuron">`;
    for (const t of [0, 0.5, 1]) {
      s += `<line class="grid" x1="${x(t * 65535)}" x2="${x(t * 65535)}" y1="${T}" y2="${H - B}"/><line class="grid" x1="${L}" x2="${W - R}" y1="${y(t * 65535)}" y2="${y(t * 65535)}"/>`;
      s += `<text x="${x(t * 65535)}" y="${H - B + 14}" text-anchor="middle">${t}</text><text x="${L - 6}" y="${y(t * 65535) + 4}" text-anchor="end">${t}</text>`;
    }
    s += `<line class="axis" x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}"/><line class="axis" x1="${L}" y1="${T}" x2="${L}" y2="${H - B}"/>`;
    s += `<text x="${(L + W - R) / 2}" y="${H - 6}" text-anchor="middle">incentive</text><text x="12" y="${(T + H - B) / 2}" transform="rotate(-90 12 ${(T + H - B) / 2})" text-anchor="middle">dividends</text>`;
    for (const r of rows) {
      s += `<circle class="pt" data-uid="${r.uid}" cx="${x(r.incentive).toFixed(1)}" cy="${y(r.dividends).toFixed(1)}" r="4"><title>uid ${r.uid}: incentive ${u16(r.incentive)}, dividends ${u16(r.dividends)}</title></circle>`;
    }
    return raw(s + '</svg>');
  }

  // The weight matrix: one row per neuron that set weights, one column per uid, shade = weight.
  function heatmap(g) {
    const rows = [];
    g.weights.forEach((r, uid) => { if (r.length) rows.push([uid, r]); });
    if (!rows.length) return raw('<p class="muted" id="no-weights">No neuron has set weights yet.</p>');
    const n = g.n, cell = Math.max(2, Math.min(14, Math.floor(640 / n))), L = 44, T = 8;
    const W = L + n * cell + 8, H = T + rows.length * cell + 30;
    let s = `<svg class="chart" id="heatmap" viewBox="0 0 ${W} ${H}" role="img" aria-label="Weight matrix">`;
    rows.forEach(([uid, r], i) => {
      s += `<text x="${L - 4}" y="${T + i * cell + cell * 0.8}" text-anchor="end">${uid}</text>`;
      const max = Math.max(1, ...r.map(x => Number(x[1])));
      for (const [dest, v] of r) {
        const a = (Number(v) / max).toFixed(3);
        s += `<rect class="w" data-from="${uid}" data-to="${dest}" x="${L + dest * cell}" y="${T + i * cell}" width="${cell}" height="${cell}" fill-opacity="${a}"><title>uid ${uid} → uid ${dest}: ${u16(v)} of the row (${v})</title></rect>`;
      }
    });
    s += `<text x="${L}" y="${H - 8}">uid 0 → ${n - 1} (columns: whom the weights go to; rows: the neurons that set them)</text>`;
    return raw(s + '</svg>');
  }

  // One validator's bonds on every uid, as bars.
  function bondsChart(g, uid) {
    const r = g.bonds[uid] || [];
    if (!r.length) return raw(`<p class="muted" id="no-bonds">uid ${esc(uid)} holds no bonds.</p>`);
    const n = g.n, W = 640, H = 200, L = 44, B = 24, T = 8, bw = Math.max(1, (W - L - 8) / n);
    const max = Math.max(1, ...r.map(x => Number(x[1])));
    let s = `<svg class="chart" id="bonds-chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="Bonds of uid ${uid}">`;
    s += `<line class="axis" x1="${L}" y1="${H - B}" x2="${W - 8}" y2="${H - B}"/><text x="${L}" y="${H - 6}">uid 0 → ${n - 1}</text>`;
    for (const [dest, v] of r) {
      const h = (H - B - T) * Number(v) / max;
      s += `<rect class="bar" data-to="${dest}" x="${(L + dest * bw).toFixed(1)}" y="${(H - B - h).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>bond on uid ${dest}: ${v}</title></rect>`;
    }
    return raw(s + '</svg>');
  }

  async function subnetPage(page, netuidText) {
    const netuid = Number(netuidText);
    // the whole page's data in one request (a JSON-RPC batch): the subnets and the metagraph
    const fields = COLUMNS.slice(1).map(c => c[0]).concat(['weights', 'bonds']).join(',');
    const replies = await post([{ jsonrpc: '2.0', id: 0, method: 'tao_getSubnets', params: [] },
      { jsonrpc: '2.0', id: 1, method: 'tao_getMetagraph', params: [netuid, fields] }]);
    const byId = r => replies.find(x => x.id === r);
    if (byId(0).error) throw new RpcError(byId(0).error);
    const subnets = byId(0).result;
    const sn = subnets.find(s => Number(s.netuid) === netuid);
    if (!sn) return notFound(page, `There is no subnet ${netuidText}.`);
    if (byId(1).error) throw new RpcError(byId(1).error);
    const g = byId(1).result;
    const rows = [];
    for (let uid = 0; uid < g.n; uid++) {
      const r = { uid };
      for (const [k] of COLUMNS.slice(1)) r[k] = g[k][uid];
      rows.push(r);
    }
    const hp = sn.hyperparams || {};
    if (!render(page, html`<h1>${sn.name || subnetName(netuid)} <span class="muted">(netuid ${netuid})</span></h1>
      <dl class="kv"><dt>Owner</dt><dd>${addr(sn.owner)}</dd><dt>Neurons</dt><dd id="subnet-n">${g.n} / ${hp.maxAllowedUids ?? '—'}</dd>
        <dt>Tempo</dt><dd>${hp.tempo ?? '—'}</dd><dt>Emission share</dt><dd>${share(sn.emissionShare)}</dd>
        <dt>Lock</dt><dd>${tau(sn.lock)}</dd><dt>Registration burn</dt><dd>${tau(sn.burn)}</dd><dt>Last epoch</dt><dd>#${sn.lastEpochBlock}</dd></dl>
      <h2>Metagraph at block #${g.blockNumber}</h2>
      ${rows.length ? html`<div class="scroll"><table id="metagraph"><thead><tr>${COLUMNS.map(([k, label]) =>
        html`<th class="sort ${k === 'uid' ? 'asc' : ''} ${k === 'hotkeys' || k === 'coldkeys' ? '' : 'num'}" data-key="${k}">${label}</th>`)}</tr></thead><tbody></tbody></table></div>
      <h2>Incentive against dividends</h2><div class="two"><div>${scatter(rows)}</div><p class="muted">One point per neuron, from the last epoch (u16 scores as fractions).</p></div>
      <h2>Weight matrix</h2><div id="weights">${heatmap(g)}</div>
      <h2>Bonds of a validator</h2>
      <p><label>Validator: <select id="bonds-uid">${rows.filter(r => g.bonds[r.uid].length || r.validatorPermit).map(r =>
        html`<option value="${r.uid}">uid ${r.uid}</option>`)}</select></label></p>
      <div id="bonds">${bondsChart(g, (rows.find(r => g.bonds[r.uid].length) || rows.find(r => r.validatorPermit) || rows[0]).uid)}</div>`
        : html`<p class="muted">No neurons registered yet.</p>`}`)) return;
    performance.mark('tao:subnet-rendered');
    if (!rows.length) return;
    const sel = document.getElementById('bonds-uid');
    const firstBonds = rows.find(r => g.bonds[r.uid].length) || rows.find(r => r.validatorPermit);
    if (firstBonds) sel.value = String(firstBonds.uid);
    sel.addEventListener('change', () => { document.getElementById('bonds').innerHTML = piece(bondsChart(g, Number(sel.value))); });
    let key = 'uid', dir = 1;
    const body = document.querySelector('#metagraph tbody');
    const draw = () => {
      const cmp = (a, b) => {
        const va = a[key], vb = b[key];
        const c = typeof va === 'string' ? va.localeCompare(vb) : (va > vb) - (va < vb);
        return c * dir || a.uid - b.uid;
      };
      body.innerHTML = piece(rows.slice().sort(cmp).map(r => html`<tr data-uid="${r.uid}">${COLUMNS.map(([k, , f]) =>
        html`<td class="${k === 'hotkeys' || k === 'coldkeys' ? '' : 'num'}">${f(r[k])}</td>`)}</tr>`));
    };
    draw();
    performance.mark('tao:subnet-drawn');
    document.querySelector('#metagraph thead').addEventListener('click', ev => {
      const th = ev.target.closest('th[data-key]');
      if (!th) return;
      dir = th.dataset.key === key ? -dir : (th.dataset.key === 'uid' || th.dataset.key === 'hotkeys' || th.dataset.key === 'coldkeys' ? 1 : -1);
      key = th.dataset.key;
      document.querySelectorAll('#metagraph th').forEach(x => x.classList.remove('asc', 'desc'));
      th.classList.add(dir > 0 ? 'asc' : 'desc');
      draw();
    });
  }

  // ---------- validators and delegates ----------

  // Dividends per 1,000 τ staked, per epoch: what the hotkey's last epochs paid its nominators, by
  // stake. For each subnet it is registered on: emission (rao, last epoch) · (1 − take); summed, then
  // scaled by 1,000 τ / total stake.
  function per1000(d, emissionByHotkey) {
    const total = BigInt(d.totalStake);
    if (total === 0n) return null;
    const em = emissionByHotkey.get(d.hotkey) || 0n;
    const kept = em * BigInt(1000000 - Number(d.takePpm)) / 1000000n;
    return kept * 1000n * RAO / total;
  }

  async function validatorsPage(page) {
    const [delegates, subnets] = await batch([['tao_getDelegates'], ['tao_getSubnets']]);
    const graphs = await batch(subnets.map(s => ['tao_getMetagraph', s.netuid, 'hotkeys,emission,validatorPermit']));
    const emission = new Map(), permits = new Map();
    graphs.forEach((g, i) => g.hotkeys.forEach((hk, uid) => {
      emission.set(hk, (emission.get(hk) || 0n) + BigInt(g.emission[uid]));
      if (g.validatorPermit[uid]) permits.set(hk, (permits.get(hk) || []).concat([subnets[i].netuid]));
    }));
    const rows = delegates.map(d => ({ d, per: per1000(d, emission) }));
    rows.sort((a, b) => (BigInt(b.d.totalStake) > BigInt(a.d.totalStake)) - (BigInt(b.d.totalStake) < BigInt(a.d.totalStake)));
    render(page, html`<h1>Validators and delegates</h1>
      <p>${rows.length} hotkeys hold stake; ${[...permits.keys()].length} hold a validator permit on some subnet.</p>
      ${rows.length ? html`<div class="scroll"><table id="delegates"><thead><tr><th>Hotkey</th><th>Owner</th><th class="num">Take</th>
        <th class="num">Total stake</th><th class="num">Nominators</th><th>Registered on</th><th>Validator on</th>
        <th class="num">Emission (last epochs)</th><th class="num">Dividends per τ1,000</th></tr></thead><tbody>
        ${rows.map(({ d, per }) => html`<tr data-hotkey="${d.hotkey}"><td>${addr(d.hotkey)}</td><td>${addr(d.owner)}</td>
          <td class="num">${ppm(d.takePpm)}</td><td class="num">${tau(d.totalStake)}</td><td class="num nominators">${d.nominators.length}</td>
          <td>${d.registrations.map((n, i) => html`${i ? ', ' : ''}<a href="#/subnet/${n}">${n}</a>`)}</td>
          <td>${(permits.get(d.hotkey) || []).join(', ')}</td>
          <td class="num">${tau(emission.get(d.hotkey) || 0n)}</td><td class="num per1000">${per == null ? '—' : tau(per)}</td></tr>`)}
      </tbody></table></div>
      <p class="muted">Dividends per τ1,000: the emission the hotkey's neurons received in their subnets' last epochs, less the take, per τ1,000 of its total stake (what a nominator's τ1,000 earned per epoch).</p>`
        : html`<p class="muted">No hotkey holds stake yet.</p>`}`);
  }

  // ---------- governance ----------

  // What passed, was rejected or expired, newest first, with who proposed it and the votes cast
  // (tao_getGovernanceHistory: the account index keeps them after the proposal leaves the state).
  function decidedTable(past) {
    const proposed = new Map(), votes = new Map();
    for (const e of past.entries) {
      if (e.kind === 'proposed') proposed.set(e.proposalId, e);
      if (e.kind === 'voted') votes.set(e.proposalId, (votes.get(e.proposalId) || []).concat([e]));
    }
    const decided = past.entries.filter(e => e.kind === 'passed' || e.kind === 'rejected' || e.kind === 'expired');
    if (!decided.length) return html`<p class="muted" id="decided-none">No proposal has been decided in blocks #${past.indexedFrom}–#${past.indexedTo}.</p>`;
    const outcome = e => e.kind === 'passed' ? (e.ok ? html`<span class="ok">✓ passed, executed</span>` : html`<span class="bad">✗ passed, the call failed${e.message ? ': ' + e.message : ''}</span>`)
      : e.kind === 'rejected' ? html`<span class="bad">✗ rejected</span>` : html`<span class="muted">expired</span>`;
    return html`<div class="scroll"><table id="decided"><thead><tr><th>Proposal</th><th>Outcome</th><th>Decided in</th><th>Proposed by</th><th>Votes</th></tr></thead><tbody>
      ${decided.map(e => {
        const p = proposed.get(e.proposalId), vs = votes.get(e.proposalId) || [];
        return html`<tr data-id="${e.proposalId}"><td>${e.proposalId}</td><td class="wrap outcome">${outcome(e)}</td><td><a href="#/block/${e.block}">#${e.block}</a></td>
          <td>${p ? html`${addr(p.account)} in <a href="#/block/${p.block}">#${p.block}</a>` : '—'}</td>
          <td class="wrap">${vs.map(v => html`${v.aye ? html`<span class="ok">aye</span>` : html`<span class="bad">nay</span>`} ${addr(v.account)} `)}</td></tr>`;
      })}</tbody></table></div>`;
  }

  async function governancePage(page) {
    const [gov, delegates] = await batch([['tao_getProposals'], ['tao_getDelegates']]);
    let past = null, pastOff = null;
    try { past = await rpc('tao_getGovernanceHistory', null, 100); } catch (e) {
      if (!(e instanceof RpcError)) throw e;
      pastOff = e.message;
    }
    const stake = new Map(delegates.map(d => [d.hotkey, d.totalStake]));
    render(page, html`<h1>Governance</h1>
      <h2>Senate (${gov.senate.length})</h2>
      ${gov.senate.length ? html`<div class="scroll"><table id="senate"><thead><tr><th>#</th><th>Member (hotkey)</th><th class="num">Stake</th></tr></thead><tbody>
        ${gov.senate.map((m, i) => html`<tr><td>${i + 1}</td><td>${addr(m)}</td><td class="num">${tau(stake.get(m) || 0)}</td></tr>`)}</tbody></table></div>
        <p class="muted">A proposal passes with <strong id="ayes-needed">${gov.ayesNeeded}</strong> ayes (more than half of the senate).</p>`
        : html`<p class="muted">The senate is empty: no hotkey is on the root network yet.</p>`}
      <h2>Open proposals (${gov.proposals.length})</h2>
      ${gov.proposals.length ? html`<div class="scroll"><table id="proposals"><thead><tr><th>Id</th><th>Proposer</th><th>Call</th>
        <th class="num">Ayes</th><th class="num">Nays</th><th>Voters</th><th class="num">Ends</th></tr></thead><tbody>
        ${gov.proposals.map(p => html`<tr data-id="${p.id}"><td>${p.id}</td><td>${addr(p.proposer)}</td><td class="wrap">${p.decoded ? callCell(p.decoded) : p.call}</td>
          <td class="num ayes">${p.ayes.length} / ${gov.ayesNeeded}</td><td class="num nays">${p.nays.length}</td>
          <td class="wrap">${p.ayes.map(v => html`<span class="ok">aye</span> ${addr(v)} `)}${p.nays.map(v => html`<span class="bad">nay</span> ${addr(v)} `)}</td>
          <td class="num"><a href="#/block/${p.end}">#${p.end}</a></td></tr>`)}</tbody></table></div>`
        : html`<p class="muted">No open proposal.</p>`}
      <h2>Decided</h2>
      ${past ? decidedTable(past) : html`<p class="muted" id="decided-off">${pastOff}</p>`}`);
    page.onHead = coalesce(async () => {
      const g = await rpc('tao_getProposals');
      if (page !== current) return;
      const ids = ps => ps.map(p => String(p.id)).join(',');
      if (ids(g.proposals) !== ids(gov.proposals)) { await governancePage(page); return; } // one opened or was decided
      for (const p of g.proposals) {
        const row = document.querySelector(`#proposals tr[data-id="${p.id}"]`);
        if (row) {
          row.querySelector('.ayes').textContent = p.ayes.length + ' / ' + g.ayesNeeded;
          row.querySelector('.nays').textContent = String(p.nays.length);
        }
      }
    });
  }

  // ---------- network ----------

  function jsonValue(v) {
    if (v == null) return '—';
    if (Array.isArray(v)) {
      if (v.length && typeof v[0] === 'object' && v[0] != null) {
        const keys = [...new Set(v.flatMap(o => Object.keys(o)))];
        return html`<div class="scroll"><table><thead><tr>${keys.map(k => html`<th>${k}</th>`)}</tr></thead><tbody>
          ${v.map(o => html`<tr>${keys.map(k => html`<td>${jsonValue(o[k])}</td>`)}</tr>`)}</tbody></table></div>`;
      }
      return v.map(x => typeof x === 'object' ? JSON.stringify(x) : String(x)).join(', ') || '—';
    }
    if (typeof v === 'object') return html`<dl class="kv">${Object.entries(v).map(([k, x]) => html`<dt>${k}</dt><dd>${jsonValue(x)}</dd>`)}</dl>`;
    if (typeof v === 'string' && /^5[1-9A-HJ-NP-Za-km-z]{45,47}$/.test(v)) return addr(v);
    if (typeof v === 'string' && /^0x[0-9a-fA-F]{64}$/.test(v)) return ident(v, '#/block/' + v);
    return String(v);
  }

  async function networkPage(page) {
    const health = await rpc('system_health');
    let status = null, missing = false;
    try {
      status = await rpc('tao_consensusStatus');
    } catch (e) {
      if (!(e instanceof RpcError) || e.code !== -32601) throw e;
      missing = true;
    }
    render(page, html`<h1>Network</h1>
      <dl class="kv" id="health"><dt>Peers</dt><dd id="peer-count">${health.peers}</dd><dt>Syncing</dt><dd>${health.isSyncing ? 'yes' : 'no'}</dd>
        <dt>Should have peers</dt><dd>${health.shouldHavePeers ? 'yes' : 'no'}</dd><dt>Healthy</dt><dd>${health.healthy === false ? html`<span class="bad">no</span>` : html`<span class="ok">yes</span>`}</dd></dl>
      <h2>Consensus</h2>
      ${missing ? html`<p class="notfound" id="no-network">This node has no peer network: it does not serve <code>tao_consensusStatus</code>
          (a single-authority or development node). Its blocks are final as soon as they are sealed.</p>`
        : html`<div id="consensus">${jsonValue(status)}</div>`}`);
    if (!missing) {
      page.onHead = coalesce(async () => {
        const s = await rpc('tao_consensusStatus');
        if (page !== current) return;
        const el = document.getElementById('consensus');
        if (el) el.innerHTML = piece(jsonValue(s));
      });
    }
  }

  // ---------- Yuma simulator ----------

  const COLOURS = ['#1d4ed8', '#b91c1c', '#15803d', '#b45309', '#7c3aed', '#0e7490', '#be185d', '#4d7c0f', '#c2410c', '#334155'];

  // One panel: a line per series over the epochs, values scaled by max.
  function linesChart(id, title, series, max) {
    const W = 640, H = 220, L = 48, R = 110, T = 22, B = 28, n = series.length ? series[0].values.length : 0;
    const x = e => L + (W - L - R) * (n > 1 ? e / (n - 1) : 0), y = v => H - B - (H - T - B) * Math.min(1, v / max);
    let s = `<svg class="chart" id="${id}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}"><text x="${L}" y="14">${esc(title)}</text>`;
    s += `<line class="axis" x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}"/><line class="axis" x1="${L}" y1="${T}" x2="${L}" y2="${H - B}"/>`;
    for (let e = 0; e < n; e += Math.max(1, Math.floor(n / 10))) s += `<text x="${x(e).toFixed(1)}" y="${H - B + 14}" text-anchor="middle">${e}</text>`;
    series.forEach((sr, i) => {
      const d = sr.values.map((v, e) => (e ? 'L' : 'M') + x(e).toFixed(1) + ',' + y(v).toFixed(1)).join('');
      const c = COLOURS[i % COLOURS.length];
      s += `<path class="line" d="${d}" fill="none" stroke="${c}" stroke-width="1.8"><title>${esc(sr.label)}</title></path>`;
      if (i < 12) s += `<line x1="${W - R + 8}" x2="${W - R + 20}" y1="${T + 6 + i * 13}" y2="${T + 6 + i * 13}" stroke="${c}" stroke-width="3"/><text x="${W - R + 24}" y="${T + 10 + i * 13}">${esc(sr.label)}</text>`;
    });
    return s + '</svg>';
  }

  function simulationCharts(r) {
    const epochs = r.epochs, n = epochs.length ? epochs[0].neurons.length : 0;
    const per = key => [...Array(n).keys()].map(uid => ({ label: 'uid ' + uid, values: epochs.map(e => Number(e.neurons[uid][key]) / 65535) }));
    const pairs = new Map();
    epochs.forEach((e, k) => e.neurons.forEach(nr => nr.bonds.forEach(([to, v]) => {
      const key = nr.uid + ' → ' + to;
      if (!pairs.has(key)) pairs.set(key, new Array(epochs.length).fill(0));
      pairs.get(key)[k] = Number(v);
    })));
    const bonds = [...pairs.entries()].map(([label, values]) => ({ label, values }))
      .sort((a, b) => Math.max(...b.values) - Math.max(...a.values)).slice(0, 24);
    const top = Math.max(1, ...bonds.flatMap(b => b.values));
    return raw(linesChart('sim-incentive', 'incentive', per('incentive'), 1) + linesChart('sim-dividends', 'dividends', per('dividends'), 1)
      + linesChart('sim-bonds', 'bonds (validator → miner, raw; the 24 largest pairs)', bonds, top));
  }

  async function simulatePage(page) {
    render(page, html`<h1>Yuma simulator</h1>
      <p>Drop a scenario file (the format of <code>tao yuma run</code>, docs/yuma-simulator.md) here, or choose one. The node runs the
        pure epoch over it (<code>tao_simulateYuma</code>: at most 256 neurons, 2,048 steps, 64 epochs) and writes nothing.</p>
      <div class="drop" id="drop"><input type="file" id="scenario-file" accept=".json,application/json"></div>
      <div id="sim-result"></div>`);
    const out = document.getElementById('sim-result');
    const run = async file => {
      let scenario;
      try { scenario = JSON.parse(await file.text()); } catch (e) {
        out.innerHTML = piece(html`<p class="notfound" id="sim-error">${file.name} is not JSON: ${e.message}</p>`); return;
      }
      try {
        const r = await rpc('tao_simulateYuma', scenario);
        if (page !== current) return;
        out.innerHTML = piece(html`<p class="muted" id="sim-summary">${file.name}: ${r.epochs.length} epochs, ${r.epochs.length ? r.epochs[0].neurons.length : 0} neurons.</p>${simulationCharts(r)}`);
      } catch (e) {
        if (!(e instanceof RpcError)) throw e;
        out.innerHTML = piece(html`<p class="notfound" id="sim-error">${e.message}</p>`);
      }
    };
    document.getElementById('scenario-file').addEventListener('change', ev => { if (ev.target.files[0]) run(ev.target.files[0]); });
    const drop = document.getElementById('drop');
    drop.addEventListener('dragover', ev => { ev.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', ev => { ev.preventDefault(); drop.classList.remove('over'); if (ev.dataTransfer.files[0]) run(ev.dataTransfer.files[0]); });
  }

  // Search: a block number, a block hash, an extrinsic hash, or an address.
  async function searchPage(page, q) {
    q = q.trim();
    if (/^#?\d+$/.test(q)) { location.hash = '#/block/' + q.replace('#', ''); return; }
    if (/^0x[0-9a-fA-F]{64}$/.test(q)) {
      const header = await rpc('chain_getHeader', q);
      if (header) { location.hash = '#/block/' + q; return; }
      location.hash = '#/extrinsic/' + q; return;
    }
    if (/^[1-9A-HJ-NP-Za-km-z]{40,50}$/.test(q)) { location.hash = '#/account/' + q; return; }
    notFound(page, `Nothing matches "${q}": search for a block number, a block or extrinsic hash (0x and 64 hex digits) or an SS58 address.`);
  }

  // ---------- routing ----------

  const ROUTES = [
    [/^\/?$/, (p) => overview(p)],
    [/^\/blocks$/, (p, m, q) => blocksPage(p, q)],
    [/^\/block\/([^/]+)$/, (p, m, q) => blockPage(p, m[1], q)],
    [/^\/extrinsic\/([^/]+)$/, (p, m) => extrinsicPage(p, m[1])],
    [/^\/account\/([^/]+)$/, (p, m) => accountPage(p, m[1])],
    [/^\/subnets$/, (p) => subnetsPage(p)],
    [/^\/subnet\/(\d{1,5})$/, (p, m) => subnetPage(p, m[1])],
    [/^\/validators$/, (p) => validatorsPage(p)],
    [/^\/governance$/, (p) => governancePage(p)],
    [/^\/network$/, (p) => networkPage(p)],
    [/^\/simulate$/, (p) => simulatePage(p)],
    [/^\/search\/(.*)$/, (p, m) => searchPage(p, m[1])],
  ];

  let current = null;
  async function route() {
    let path = location.hash.replace(/^#/, '') || '/';
    let query = null;
    const qi = path.indexOf('?');
    if (qi >= 0) {
      query = Object.fromEntries(new URLSearchParams(path.slice(qi + 1)));
      path = path.slice(0, qi);
    }
    try { path = decodeURIComponent(path); } catch (e) { /* keep it as typed */ }
    const page = { onHead: null };
    current = page;
    view.innerHTML = '<p class="loading">Loading…</p>';
    for (const [re, fn] of ROUTES) {
      const m = path.match(re);
      if (m) {
        try { await fn(page, m, query); } catch (e) { failed(page, e); }
        return;
      }
    }
    notFound(page, `The explorer has no page "${path}".`);
  }

  document.getElementById('search').addEventListener('submit', ev => {
    ev.preventDefault();
    const q = document.getElementById('q').value.trim();
    if (q) location.hash = '#/search/' + encodeURIComponent(q);
  });

  document.addEventListener('click', ev => {
    const b = ev.target.closest('button.copy');
    if (!b) return;
    const text = b.dataset.copy;
    const done = () => { b.classList.add('done'); setTimeout(() => b.classList.remove('done'), 1200); };
    const fallback = () => {
      const t = document.createElement('textarea');
      t.value = text; document.body.appendChild(t); t.select();
      try { if (document.execCommand('copy')) done(); } catch (e) { /* nothing more we can do */ }
      t.remove();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback);
    else fallback();
  });

  window.addEventListener('hashchange', route);
  route();
  connect();
})();
