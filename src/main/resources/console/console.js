// periodica console: plain JavaScript over the native API; live updates through one WebSocket.
'use strict';
const S = { settings: null, user: null, admin: false, ro: false, socket: null, listeners: new Set(), timers: [] };
const $ = (sel, root = document) => root.querySelector(sel);
const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const STATUSES = ['new', 'in_action', 'need_restart', 'complete', 'error', 'cancel', 'cancel_too_long'];
const ACTIVE = ['new', 'in_action', 'need_restart'];
const RETRYABLE = ['error', 'cancel', 'cancel_too_long'];

class ApiError extends Error { constructor(status, message) { super(message); this.status = status; } }

async function api(method, path, body, raw) {
  const headers = {};
  if (S.settings.dev_identity && S.user) headers['Pgr-User-Id'] = S.user;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(S.settings.api_prefix + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (raw && res.ok) return res;
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, (json && json.error) || res.statusText);
  return json;
}

function time(ts) {
  if (!ts) return '<span class="muted">—</span>';
  const d = new Date(ts);
  return `<time datetime="${esc(ts)}" title="UTC: ${esc(d.toISOString())}">${esc(d.toLocaleString())}</time>`;
}
function countdown(ts) {
  if (!ts) return '—';
  const s = Math.round((new Date(ts) - Date.now()) / 1000);
  if (s <= 0) return 'due';
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  return (d ? d + 'd ' : '') + (d || h ? h + 'h ' : '') + (d || h || m ? m + 'm ' : '') + (s % 60) + 's';
}
function duration(ms) {
  const s = Math.round(ms / 1000);
  if (s < 120) return s + ' s';
  if (s < 7200) return Math.round(s / 60) + ' min';
  return Math.round(s / 3600) + ' h';
}
function say(message, bad) {
  const box = $('#banners');
  box.innerHTML = `<div class="banner ${bad ? 'bad' : ''}" role="${bad ? 'alert' : 'status'}">${esc(message)}</div>`;
}
function params() { const q = location.hash.split('?')[1] || ''; return new URLSearchParams(q); }
function go(path, query) { location.hash = '#/' + path + (query && String(query) ? '?' + query : ''); }
function act(label, cls, handler, attrs = '') { return S.ro ? '' : `<button type="button" class="${cls || ''}" ${attrs} data-act="${esc(handler)}">${esc(label)}</button>`; }

// ---- live progress: one WebSocket, opened with a single-use ticket (no polling) ----
async function connectLive() {
  if (S.socket) { S.socket.onclose = null; S.socket.close(); S.socket = null; }
  try {
    const { ticket } = await api('POST', '/ws/ticket');
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${proto}//${location.host}${S.settings.api_prefix}/ws?ticket=${encodeURIComponent(ticket)}`);
    S.socket = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify({ action: 'subscribe', all: true }));
      document.body.dataset.live = 'open';
      // events sent before this socket subscribed are not replayed: a run page read before then
      // is read again, so a run that ended meanwhile shows its end
      if (document.body.dataset.page === 'run') route();
    };
    ws.onmessage = (e) => {
      const m = JSON.parse(e.data);
      const runs = m.run ? [m.run] : (m.runs || []);
      runs.forEach((run) => S.listeners.forEach((l) => l(run)));
    };
    ws.onclose = () => { document.body.dataset.live = 'closed'; if (S.socket === ws) setTimeout(connectLive, 2000); };
  } catch (e) { setTimeout(connectLive, 5000); }
}

// ---- identity ----
async function identity() {
  const box = $('#identity');
  if (S.settings.dev_identity) {
    S.user = localStorage.getItem('periodica.user') || S.settings.demo_user;
    box.innerHTML = `<span class="devmode">Development mode: no gateway sets your identity.</span>
      <label>Acting as user <input id="dev-user" size="38" value="${esc(S.user)}" aria-describedby="dev-note"></label>
      <span id="dev-note" class="muted">(demo user preselected)</span>`;
    $('#dev-user').addEventListener('change', (e) => {
      S.user = e.target.value.trim();
      localStorage.setItem('periodica.user', S.user);
      start();
    });
  }
  try {
    const me = await api('GET', '/users/me');
    S.admin = me.administrator === true;
    if (!S.settings.dev_identity) box.textContent = 'Signed in as ' + (me.username || me.id);
  } catch (e) { S.admin = false; }
}

// ---- pages ----
const pages = {};
pages.overview = async (main) => {
  main.innerHTML = `<h1>Overview</h1>
    <section aria-labelledby="h-problems"><h2 id="h-problems">Problems</h2><ul id="problems" class="problems"><li class="muted">Looking…</li></ul></section>
    <section aria-labelledby="h-status"><h2 id="h-status">Runs per status</h2><div class="cards" id="cards"></div></section>
    <section aria-labelledby="h-chart"><h2 id="h-chart">Runs created and finished per minute, last hour</h2><div id="chart"></div></section>
    <section id="instances-section" hidden aria-labelledby="h-inst"><h2 id="h-inst">Instances</h2><div id="instances"></div></section>`;
  let plot = null;
  const load = async () => {
    const stats = await api('GET', '/report_queue/stats');
    $('#cards').innerHTML = STATUSES.map((s) => `<a class="card" href="#/runs?status=${s}" data-status="${s}"><div class="n">${stats.counts[s]}</div><div>${s}</div></a>`).join('');
    const xs = stats.minutes.map((m) => new Date(m.at).getTime() / 1000);
    const data = [xs, stats.minutes.map((m) => m.created), stats.minutes.map((m) => m.finished)];
    if (plot) plot.setData(data);
    else if (window.uPlot) {
      plot = new uPlot({ width: Math.min(900, main.clientWidth - 20), height: 220, series: [{}, { label: 'created', stroke: '#0b5cad' }, { label: 'finished', stroke: '#1a7f37' }] }, data, $('#chart'));
    }
  };
  await load();
  let pending = null;
  S.listeners.add(() => { if (!pending) pending = setTimeout(() => { pending = null; load().catch(() => {}); }, 1000); });
  const problems = [];
  if (S.admin) {
    const inst = await api('GET', '/instances');
    $('#instances-section').hidden = false;
    $('#instances').innerHTML = `<table aria-label="Instances"><thead><tr><th>Name</th><th>Id</th><th>Heartbeat age</th><th>State</th><th>Runs in progress</th></tr></thead><tbody>${inst.items.map((i) =>
      `<tr id="instance-${esc(i.id)}"><td>${esc(i.name)}</td><td><code>${esc(i.id)}</code></td><td>${Math.round((Date.now() - new Date(i.heartbeat_at)) / 1000)} s</td><td>${i.alive ? 'live' : '<strong class="error-text">dead</strong>'}</td><td>${i.runs_in_progress}</td></tr>`).join('')}</tbody></table>`;
    inst.items.filter((i) => !i.alive).forEach((i) => problems.push(`Instance ${i.name} (${i.id}) is dead: no heartbeat since ${new Date(i.heartbeat_at).toLocaleString()}.`));
  }
  // tasks whose runs keep failing: the last three finished runs all failed
  const errors = await api('GET', '/report_queue?status=error,cancel_too_long&limit=100');
  const suspects = [...new Set(errors.items.map((r) => r.task_id))].slice(0, 20);
  await Promise.all(suspects.map(async (t) => {
    try {
      const last = await api('GET', `/report_queue?task_id=${t}&status=complete,error,cancel,cancel_too_long&sort=-ended_at&limit=3`);
      if (last.items.length === 3 && last.items.every((r) => r.status === 'error' || r.status === 'cancel_too_long')) {
        const task = await api('GET', '/report_tasks/' + t);
        problems.push(`Task ${task.name || t} keeps failing: its last 3 runs failed (latest: ${last.items[0].error || last.items[0].status}).`);
      }
    } catch (e) { /* not visible any more */ }
  }));
  const running = await api('GET', '/report_queue?status=in_action&limit=100');
  // overrunning: a run in progress longer than its task's interval (the gap between its next two fire times)
  const gaps = {};
  await Promise.all([...new Set(running.items.filter((r) => r.started_at).map((r) => r.task_id))].map(async (t) => {
    try { const p = await api('GET', `/report_tasks/${t}/schedule?count=2`); if (p.next.length === 2) gaps[t] = new Date(p.next[1]) - new Date(p.next[0]); } catch (e) { /* not visible any more */ }
  }));
  running.items.filter((r) => r.started_at && gaps[r.task_id] && Date.now() - new Date(r.started_at) > gaps[r.task_id])
    .forEach((r) => problems.push(`Run ${r.id} of task ${r.task_id} is overrunning its interval: running for ${duration(Date.now() - new Date(r.started_at))}, the task fires every ${duration(gaps[r.task_id])}.`));
  const tasks = await api('GET', '/report_tasks?limit=100&enabled=false');
  tasks.items.filter((t) => t.paused_reason && !t.paused_by).forEach((t) => problems.push(`The engine paused task ${t.name || t.id}: ${t.paused_reason}`));
  $('#problems').innerHTML = problems.length ? problems.map((p) => `<li class="banner bad" role="alert">${esc(p)}</li>`).join('') : '<li class="muted">None.</li>';
};

function runActions(r) {
  return [ACTIVE.includes(r.status) ? act('Cancel', 'danger', 'cancel', `data-id="${r.id}"`) : '',
    RETRYABLE.includes(r.status) ? act('Retry', '', 'retry', `data-id="${r.id}"`) : '',
    r.file ? `<button type="button" data-act="download" data-id="${r.id}">Download</button>` : ''].join(' ');
}
function runRow(r) {
  return `<tr id="run-${r.id}" data-status="${r.status}">
    <td>${S.ro ? '' : `<input type="checkbox" class="pick" value="${r.id}" aria-label="Select run ${r.id}">`}</td>
    <td><a href="#/run/${r.id}">${r.id}</a></td><td class="hide-narrow">${esc(r.task_id)}</td>
    <td class="status status-${r.status}">${esc(r.status)}</td>
    <td><progress max="100" value="${r.progress}" aria-label="Progress of run ${r.id}">${r.progress}%</progress> <span class="pct">${r.progress}%</span></td>
    <td>${esc(r.trigger)}${r.retry_of ? ' (retry)' : ''}</td><td>${time(r.created_at)}</td><td>${time(r.ended_at)}</td>
    <td class="actions">${runActions(r)}</td></tr>`;
}
function updateRow(row, r) {
  row.dataset.status = r.status;
  const st = row.querySelector('.status'); st.textContent = r.status; st.className = 'status status-' + r.status;
  row.querySelector('progress').value = r.progress; row.querySelector('.pct').textContent = r.progress + '%';
  if (r.file !== undefined) row.querySelector('.actions').innerHTML = runActions(r);
  else row.querySelector('.actions').innerHTML = runActions({ ...r, file: row.querySelector('[data-act=download]') ? {} : null });
}

async function download(id) {
  const res = await api('GET', `/report_queue/${id}/file`, undefined, true);
  const name = (/filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '') || [])[1] || `run-${id}`;
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  if (blob.type === 'application/pdf' && !S.forceSave) { window.open(url, '_blank'); return; }
  const a = document.createElement('a'); a.href = url; a.download = name; document.body.append(a); a.click(); a.remove();
  say(`Downloaded ${name} (${blob.size} bytes).`);
}

async function runAction(kind, id) {
  try {
    if (kind === 'cancel') { await api('POST', `/report_queue/${id}/cancel`); say(`Run ${id} cancelled.`); }
    if (kind === 'retry') { const r = await api('POST', `/report_queue/${id}/retry`); say(`Run ${id} retried as run ${r.id}.`); }
    if (kind === 'download') { await download(id); return; }
    route();
  } catch (e) { say(e.message, true); }
}

pages.runs = async (main) => {
  const q = params();
  const status = q.get('status') || '';
  const statsLoaded = api('GET', '/report_queue/stats');
  const limit = Math.min(Math.max(Number(q.get('limit')) || 25, 1), 500), offset = Number(q.get('offset') || 0), sort = q.get('sort') || '-created_at';
  const filter = {};
  ['task_id', 'report_id', 'instance', 'job', 'trigger', 'created_from', 'created_to'].forEach((k) => { if (q.get(k)) filter[k] = q.get(k); });
  if (status) filter.status = [status];
  // the exact total reads every matching run (a second at a million): count only past this
  // page, by the thousand, and leave the exact number to "Count all"
  const countUpTo = 1000 * (Math.floor((offset + limit) / 1000) + 1);
  const list = new URLSearchParams({ ...filter, limit, offset, sort, count_up_to: countUpTo });
  if (status) list.set('status', status);
  const [stats, page, jobs] = await Promise.all([statsLoaded, api('GET', '/report_queue?' + list), api('GET', '/jobs')]);
  const more = page.total_more_than !== undefined;
  const listed = more ? `more than ${page.total_more_than.toLocaleString()}` : page.total.toLocaleString();
  const sortKey = sort.replace(/^-/, ''), descending = sort.startsWith('-');
  // a column's header sorts by it; again, the other way round
  const sortable = (key, label, cls = '') => {
    const current = key === sortKey;
    const next = current ? (descending ? key : '-' + key) : (key === 'status' ? key : '-' + key);
    return `<th class="${cls}" aria-sort="${current ? (descending ? 'descending' : 'ascending') : 'none'}"><button type="button" class="sort" data-sort="${next}">${label}${current ? (descending ? ' ▼' : ' ▲') : ''}</button></th>`;
  };
  const sorts = [['-created_at', 'newest first'], ['created_at', 'oldest first'], ['-ended_at', 'latest ended first'], ['status', 'status'], ['-progress', 'most progress first']];
  if (!sorts.some(([v]) => v === sort)) sorts.push([sort, `${sortKey} ${descending ? 'descending' : 'ascending'}`]);
  // a datetime-local field holds the browser's local time without a zone
  const local = (ts) => { if (!ts) return ''; const d = new Date(ts); return new Date(d - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16); };
  const choice = (name, label, values, current) => `<label>${label}<select name="${name}" id="runs-${name}"><option value="">any</option>${values.map((v) => `<option value="${esc(v)}" ${v === current ? 'selected' : ''}>${esc(v)}</option>`).join('')}</select></label>`;
  const tab = (s, label, n) => `<button type="button" role="tab" aria-selected="${s === status}" data-tab="${s}">${label} (${n})</button>`;
  main.innerHTML = `<h1>Runs</h1>
    <div class="tabs" role="tablist">${tab('', 'all', stats.total)}${STATUSES.map((s) => tab(s, s, stats.counts[s])).join('')}</div>
    <form class="filters" id="filters">${[['task_id', 'Task id'], ['report_id', 'Report id'], ['instance', 'Instance id']].map(([k, label]) => `<label>${label}<input name="${k}" id="runs-${k}" value="${esc(q.get(k) || '')}" size="36"></label>`).join('')}
      ${choice('job', 'Job kind', jobs.items.map((j) => j.name), q.get('job') || '')}${choice('trigger', 'Trigger', ['schedule', 'manual'], q.get('trigger') || '')}
      <label>Created from<input type="datetime-local" name="created_from" id="runs-created_from" value="${local(q.get('created_from'))}"></label><label>Created before<input type="datetime-local" name="created_to" id="runs-created_to" value="${local(q.get('created_to'))}"></label>
      <label>Sort by<select name="sort" id="runs-sort">${sorts.map(([s, label]) => `<option value="${s}" ${s === sort ? 'selected' : ''}>${label}</option>`).join('')}</select></label>
      <button id="runs-apply">Apply</button></form>
    ${S.ro ? '' : `<div class="filters" id="bulk">${act('Cancel selected', 'danger', 'bulk-cancel')} ${act('Retry selected', '', 'bulk-retry')} ${act('Cancel all matching', 'danger', 'all-cancel')} ${act('Retry all matching', '', 'all-retry')}</div>`}
    <table aria-label="Runs"><thead><tr><th></th><th>Run</th><th class="hide-narrow">Task</th>${sortable('status', 'Status')}${sortable('progress', 'Progress')}<th>Trigger</th>${sortable('created_at', 'Created')}${sortable('ended_at', 'Ended')}<th>Actions</th></tr></thead>
    <tbody id="runs-body">${page.items.map(runRow).join('') || '<tr><td colspan="9">No runs.</td></tr>'}</tbody></table>
    <div class="pager"><button type="button" id="prev" ${offset === 0 ? 'disabled' : ''}>Previous</button>
      <span id="runs-range">${(page.items.length ? offset + 1 : 0).toLocaleString()}–${(page.items.length ? offset + page.items.length : 0).toLocaleString()} of <span id="runs-total">${listed}</span></span>
      ${more ? '<button type="button" id="count-all">Count all</button>' : ''}
      <button type="button" id="next" ${more || offset + limit < page.total ? '' : 'disabled'}>Next</button></div>`;
  const nav = (changes) => { const n = params(); Object.entries(changes).forEach(([k, v]) => (v === '' || v == null ? n.delete(k) : n.set(k, v))); go('runs', n); };
  main.querySelectorAll('[data-tab]').forEach((b) => b.addEventListener('click', () => nav({ status: b.dataset.tab, offset: 0 })));
  $('#prev').addEventListener('click', () => nav({ offset: Math.max(0, offset - limit) }));
  $('#next').addEventListener('click', () => nav({ offset: offset + limit }));
  main.querySelectorAll('th button.sort').forEach((b) => b.addEventListener('click', () => nav({ sort: b.dataset.sort, offset: 0 })));
  let exact = more ? null : page.total;
  if (more) {
    $('#count-all').addEventListener('click', async (e) => {
      const b = e.target; b.disabled = true; b.textContent = 'Counting…';
      const q = new URLSearchParams({ ...filter, limit: 1 });
      if (status) q.set('status', status);
      try {
        exact = (await api('GET', '/report_queue?' + q)).total;
        $('#runs-total').textContent = exact.toLocaleString(); b.remove();
      } catch (err) { say(err.message, true); b.disabled = false; b.textContent = 'Count all'; }
    });
  }
  $('#filters').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(e.target); const c = { offset: 0 };
    for (const [k, v] of f) c[k] = k.startsWith('created_') && v ? new Date(v).toISOString() : v;
    nav(c);
  });
  const bulk = async (path, body) => {
    try { const r = await api('POST', path, body); say(`${r.count} run(s) ${path.endsWith('cancel') ? 'cancelled' : 'retried'}${r.skipped.length ? `; left alone: ${r.skipped.join(', ')}` : ''}${r.more ? '; more match, run it again' : ''}.`); route(); } catch (e) { say(e.message, true); }
  };
  const picked = () => [...main.querySelectorAll('.pick:checked')].map((c) => Number(c.value));
  main.addEventListener('click', (e) => {
    const b = e.target.closest('[data-act]'); if (!b) return;
    const k = b.dataset.act;
    if (k === 'bulk-cancel') bulk('/report_queue/cancel', { ids: picked() });
    else if (k === 'bulk-retry') bulk('/report_queue/retry', { ids: picked() });
    // everything the filter matches may be every run the user sees: say how many first
    else if (k === 'all-cancel') { if (confirm(`Cancel every run matching the filter (${exact === null ? listed : exact.toLocaleString()} listed, of them those not ended yet)?`)) bulk('/report_queue/cancel', { filter }); }
    else if (k === 'all-retry') { if (confirm(`Retry every run matching the filter (${exact === null ? listed : exact.toLocaleString()} listed, of them those that failed or were cancelled)?`)) bulk('/report_queue/retry', { filter }); }
    else runAction(k, b.dataset.id);
  });
  S.listeners.add((r) => { const row = document.getElementById('run-' + r.id); if (row) updateRow(row, r); });
};

const FINAL = ['complete', 'error', 'cancel', 'cancel_too_long'];
pages.run = async (main, id) => {
  // an end announced while the run is being read must not be lost between the read and the
  // listener below: note it, and read again if the answer is older
  let endedMeanwhile = false;
  const early = (ev) => { if (String(ev.id) === String(id) && FINAL.includes(ev.status)) endedMeanwhile = true; };
  S.listeners.add(early);
  const r = await api('GET', '/report_queue/' + encodeURIComponent(id));
  S.listeners.delete(early);
  if (endedMeanwhile && !FINAL.includes(r.status)) { route(); return; }
  // the timeline: created, each attempt with its instance (earlier ones ended in need_restart;
  // the latest is the run's own start, instance and end), ended
  const step = (what, at, rest = '') => `<tr><th scope="row">${what}</th><td>${time(at)}</td><td>${rest}</td></tr>`;
  const attempts = (r.earlier_attempts || []).map((a) => step(`Attempt ${a.attempt}`, a.started_at,
    `on instance <code>${esc(a.instance || '—')}</code>; ended ${time(a.ended_at)}: <span class="error-text">${esc(a.error || 'need_restart')}</span>`)).join('');
  const latest = r.started_at ? step(`Attempt ${r.attempt}`, r.started_at, `on instance <code>${esc(r.instance || '—')}</code>${FINAL.includes(r.status) ? '' : ' (in progress)'}`) : '';
  main.innerHTML = `<h1>Run ${r.id}</h1><table id="run-table" hidden><tbody>${runRow(r)}</tbody></table>
    <p><progress id="detail-progress" max="100" value="${r.progress}" aria-label="Progress">${r.progress}%</progress> <span id="detail-pct">${r.progress}%</span> <strong id="detail-status" class="status-${r.status}">${esc(r.status)}</strong></p>
    <div id="detail-actions">${runActions(r)}</div>
    <h2>Timeline</h2><table id="timeline" aria-label="Timeline"><thead><tr><th scope="col">Step</th><th scope="col">When</th><th scope="col">Details</th></tr></thead><tbody>
      ${step('Fire time', r.scheduled_for, `trigger ${esc(r.trigger)}${r.retry_of ? `, retrying <a href="#/run/${r.retry_of}">run ${r.retry_of}</a>` : ''}`)}
      ${step('Created', r.created_at)}${attempts}${latest}
      ${r.ended_at ? step('Ended', r.ended_at, `<span class="status-${r.status}">${esc(r.status)}</span>`) : ''}</tbody></table>
    <h2>Outcome</h2><dl class="detail"><dt>Task</dt><dd><a href="#/runs?task_id=${esc(r.task_id)}">${esc(r.task_id)}</a> (<a href="#/task/${esc(r.task_id)}">edit</a>)</dd>
    <dt>Error</dt><dd class="error-text" id="detail-error">${esc(r.error || '—')}</dd>
    <dt>File</dt><dd id="detail-file">${r.file ? `${esc(r.file.name)}, ${r.file.size} bytes, ${esc(r.file.content_type)}, SHA-256 <code>${esc(r.file.checksum)}</code>` : '—'}</dd>
    <dt>Result</dt><dd><code>${esc(r.result ? JSON.stringify(r.result) : '—')}</code></dd></dl>`;
  main.addEventListener('click', (e) => { const b = e.target.closest('[data-act]'); if (b) runAction(b.dataset.act, b.dataset.id); });
  S.listeners.add((ev) => {
    if (ev.id !== r.id) return;
    $('#detail-progress').value = ev.progress; $('#detail-pct').textContent = ev.progress + '%'; $('#detail-status').textContent = ev.status;
    // a new attempt or the end: read the run again for its timeline
    if (FINAL.includes(ev.status) || ev.status !== r.status || ev.attempt !== r.attempt) route();
  });
};

async function pauseDialog(ids) {
  const dlg = $('#dialog'); const form = $('#dialog-form');
  form.innerHTML = `<h2>Pause ${ids.length} task(s)</h2><label>Reason (shown to everyone who sees the task)<br><input name="reason" id="pause-reason" size="50" maxlength="500"></label>
    <p><button value="ok" id="pause-ok">Pause</button> <button value="cancel" formnovalidate>Cancel</button></p>`;
  dlg.showModal();
  return new Promise((resolve) => dlg.addEventListener('close', () => resolve(dlg.returnValue === 'ok' ? $('#pause-reason').value : null), { once: true }));
}

async function setStatus(ids, running, reason) {
  const body = { tasks: ids, status: running ? 'running' : 'stopped' };
  if (reason) body.reason = reason;
  await api('POST', '/report_tasks/status', body);
}

pages.tasks = async (main) => {
  const q = params(); const offset = Number(q.get('offset') || 0); const limit = 25;
  const query = new URLSearchParams({ limit, offset, sort: '-created_at' });
  const name = q.get('name') || '', job = q.get('job') || '', enabled = q.get('enabled') || '';
  if (name) query.set('name', name);
  if (job) query.set('job', job);
  if (enabled) query.set('enabled', enabled);
  const [page, jobs] = await Promise.all([api('GET', '/report_tasks?' + query), api('GET', '/jobs')]);
  const items = page.items;
  main.innerHTML = `<h1>Tasks</h1><form class="filters" id="task-filters"><label>Name starts with<input name="name" id="task-name" value="${esc(name)}"></label>
    <label>Job kind<select name="job" id="task-job"><option value="">any</option>${jobs.items.map((j) => `<option value="${esc(j.name)}" ${j.name === job ? 'selected' : ''}>${esc(j.name)}</option>`).join('')}</select></label><label>Enabled<select name="enabled" id="task-enabled"><option value="">any</option><option value="true" ${enabled === 'true' ? 'selected' : ''}>true</option><option value="false" ${enabled === 'false' ? 'selected' : ''}>false</option></select></label><button id="task-search">Search</button>
    ${S.ro ? '' : '<a href="#/task/new">New task</a>'}</form>
    ${S.ro ? '' : `<div class="filters">${act('Pause selected', '', 'bulk-pause')} ${act('Resume selected', '', 'bulk-resume')}</div>`}
    <table aria-label="Tasks"><thead><tr><th></th><th>Name</th><th>Schedule</th><th>Time zone</th><th>Next fire</th><th>Last runs</th><th>State</th><th>Actions</th></tr></thead><tbody>
    ${items.map((t) => `<tr id="task-${t.id}" data-task="${t.id}"><td>${S.ro ? '' : `<input type="checkbox" class="pick" value="${t.id}" aria-label="Select task ${esc(t.name || t.id)}">`}</td>
      <td>${esc(t.name || t.id)}<br><span class="muted">${esc(t.job)}</span></td><td><code>${esc(t.interval)}</code><br><span class="muted desc"></span></td><td>${esc(t.timezone)}</td>
      <td><span class="countdown" data-at="${esc(t.next_run_at || '')}">${countdown(t.next_run_at)}</span><br>${time(t.next_run_at)}</td><td class="strip"></td>
      <td>${t.enabled ? 'running' : `paused${t.paused_reason ? ': ' + esc(t.paused_reason) : ''}<br><span class="muted">${t.paused_by ? 'by ' + esc(t.paused_by) + ' ' + time(t.paused_at) : t.paused_reason ? 'by the engine' : ''}</span>`}</td>
      <td>${act('Run now', '', 'run', `data-id="${t.id}"`)} ${t.enabled ? act('Pause', '', 'pause', `data-id="${t.id}"`) : act('Resume', '', 'resume', `data-id="${t.id}"`)}
        ${S.ro ? '' : `<a href="#/task/${t.id}">Edit</a>`} ${act('Delete', 'danger', 'delete', `data-id="${t.id}"`)}</td></tr>`).join('') || '<tr><td colspan="8">No tasks.</td></tr>'}</tbody></table>
    <div class="pager"><button type="button" id="prev" ${offset === 0 ? 'disabled' : ''}>Previous</button><span>${page.total ? offset + 1 : 0}–${offset + page.items.length} of ${page.total}</span>
      <button type="button" id="next" ${offset + limit >= page.total ? 'disabled' : ''}>Next</button></div>`;
  const nav = (c) => { const n = params(); Object.entries(c).forEach(([k, v]) => (v === '' ? n.delete(k) : n.set(k, v))); go('tasks', n); };
  $('#prev').addEventListener('click', () => nav({ offset: Math.max(0, offset - limit) }));
  $('#next').addEventListener('click', () => nav({ offset: offset + limit }));
  $('#task-filters').addEventListener('submit', (e) => { e.preventDefault(); const c = { offset: 0 }; for (const [k, v] of new FormData(e.target)) c[k] = v; nav(c); });
  S.timers.push(setInterval(() => main.querySelectorAll('.countdown').forEach((c) => { c.textContent = countdown(c.dataset.at); }), 1000));
  items.forEach(async (t) => {
    const row = document.getElementById('task-' + t.id);
    api('GET', `/report_tasks/${t.id}/schedule?count=1`).then((p) => { row.querySelector('.desc').textContent = p.description; }).catch(() => {});
    api('GET', `/report_queue?task_id=${t.id}&limit=10`).then((p) => { row.querySelector('.strip').innerHTML = p.items.reverse().map((r) => `<span class="s-${r.status}" title="run ${r.id}: ${r.status}"></span>`).join(''); }).catch(() => {});
  });
  main.addEventListener('click', async (e) => {
    const b = e.target.closest('[data-act]'); if (!b) return;
    const picked = [...main.querySelectorAll('.pick:checked')].map((c) => c.value);
    try {
      switch (b.dataset.act) {
        case 'run': { const r = await api('POST', `/report_tasks/${b.dataset.id}/run`); say(`Run ${r.id} started.`); go('runs', 'task_id=' + b.dataset.id); return; }
        case 'pause': { const reason = await pauseDialog([b.dataset.id]); if (reason === null) return; await setStatus([b.dataset.id], false, reason); break; }
        case 'resume': await setStatus([b.dataset.id], true); break;
        case 'bulk-pause': { const reason = await pauseDialog(picked); if (reason === null) return; await setStatus(picked, false, reason); break; }
        case 'bulk-resume': await setStatus(picked, true); break;
        case 'delete': if (!confirm('Delete this task and its runs?')) return; await api('DELETE', '/report_tasks/' + b.dataset.id); break;
        default: return;
      }
      route();
    } catch (err) { say(err.message, true); }
  });
};

pages.task = async (main, id) => {
  const t = id === 'new' ? { name: '', interval: '0 9 * * 1-5', timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', job: 'report.generate', params: { format: 'pdf' }, enabled: true, report_id: params().get('report_id') || '' } : await api('GET', '/report_tasks/' + encodeURIComponent(id));
  const [jobs, reports] = await Promise.all([api('GET', '/jobs'), api('GET', '/reports?limit=200')]);
  main.innerHTML = `<h1>${id === 'new' ? 'New task' : 'Edit task'}</h1><form id="task-form"><fieldset><legend>Task</legend>
    <p><label>Name<br><input name="name" value="${esc(t.name || '')}" size="40"></label></p>
    <p><label>Schedule (cron, or @every / @at forms the API accepts)<br><input name="interval" id="interval" value="${esc(t.interval)}" size="40" required></label></p>
    <p><label>Time zone<br><input name="timezone" id="timezone" value="${esc(t.timezone)}" size="30"></label></p>
    <div id="preview" aria-live="polite"></div>
    <p><label>Job kind<br><select name="job">${jobs.items.map((j) => `<option ${j.name === t.job ? 'selected' : ''}>${esc(j.name)}</option>`).join('')}</select></label></p>
    <p><label>Report<br><select name="report_id"><option value="">(none)</option>${reports.items.map((r) => `<option value="${r.id}" ${r.id === t.report_id ? 'selected' : ''}>${esc(r.name)}</option>`).join('')}</select></label></p>
    <p><label>Params (JSON)<br><textarea name="params" rows="4" cols="50">${esc(JSON.stringify(t.params || {}))}</textarea></label></p>
    <p><label><input type="checkbox" name="enabled" ${t.enabled ? 'checked' : ''}> Enabled</label></p>
    <p><button id="save">Save</button> <a href="#/tasks">Back</a></p><p id="form-error" class="error-text" role="alert"></p></fieldset></form>`;
  let seq = 0;
  const preview = async () => {
    const mine = ++seq;
    const out = $('#preview');
    try {
      const p = await api('POST', '/schedules/preview', { interval: $('#interval').value, timezone: $('#timezone').value || 'UTC', count: 5 });
      if (mine !== seq) return;
      out.innerHTML = `<p><strong>${esc(p.description)}</strong></p><p>Next fire times:</p><ol id="next-fires">${p.next.map((n) => `<li>${time(n)}</li>`).join('')}</ol>`;
    } catch (e) { if (mine === seq) out.innerHTML = `<p class="error-text" id="preview-error">${esc(e.message)}</p>`; }
  };
  let timer = null;
  ['#interval', '#timezone'].forEach((s) => $(s).addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(preview, 250); }));
  preview();
  $('#task-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    const body = { name: f.get('name') || undefined, interval: f.get('interval'), timezone: f.get('timezone'), job: f.get('job'), enabled: f.get('enabled') === 'on' };
    if (f.get('report_id')) body.report_id = f.get('report_id');
    try { body.params = JSON.parse(f.get('params') || '{}'); } catch (err) { $('#form-error').textContent = 'params should be JSON'; return; }
    try {
      if (id === 'new') await api('POST', '/report_tasks/create', body); else await api('PATCH', '/report_tasks/' + encodeURIComponent(id), body);
      go('tasks');
    } catch (err) { $('#form-error').textContent = err.message; }
  });
};

pages.reports = async (main) => {
  const page = await api('GET', '/reports?limit=100');
  main.innerHTML = `<h1>Reports</h1><table aria-label="Reports"><thead><tr><th>Name</th><th>Updated</th><th>Actions</th></tr></thead><tbody>
    ${page.items.map((r) => `<tr><td><a href="#/report/${r.id}">${esc(r.name)}</a></td><td>${time(r.updated_at)}</td><td>${act('Generate now', '', 'generate', `data-id="${r.id}"`)}</td></tr>`).join('') || '<tr><td colspan="3">No reports.</td></tr>'}</tbody></table>`;
  main.addEventListener('click', generate);
};
async function generate(e) {
  const b = e.target.closest('[data-act=generate]'); if (!b) return;
  try { const g = await api('POST', `/reports/${b.dataset.id}/generate`, {}); say(`Generating: run ${g.run.id}.`); go('run/' + g.run.id); } catch (err) { say(err.message, true); }
}
pages.report = async (main, id) => {
  const r = await api('GET', '/reports/' + encodeURIComponent(id));
  const pagesOf = ((r.config && r.config.pages) || []).map((p) => (Array.isArray(p) ? p : p.widgets || []));
  // a page entry holds its widget ({"widget": {...}}) or names a saved one ({"widget_id": ...})
  const placed = [...new Set(pagesOf.flat().map((e) => e && e.widget_id).filter(Boolean))].slice(0, 100);
  const saved = {};
  await Promise.all(placed.map(async (w) => { try { saved[w] = await api('GET', '/widgets/' + w); } catch (e) { saved[w] = null; } }));
  const describe = (e) => {
    const w = (e && e.widget) || (e && e.widget_id && saved[e.widget_id]) || e || {};
    const kind = (w.settings && w.settings.kind) || (w.config && w.config.kind) || 'bar';
    const data = [...new Set((w.series || (w.config && w.config.series) || []).map((s) => (s.query && s.query.dataset) || (s.sql ? 'SQL' : '')).filter(Boolean))].join(', ');
    const name = w.name || (e && e.widget_id ? `widget ${e.widget_id}${saved[e.widget_id] === null ? ' (not visible to you)' : ''}` : 'widget');
    return `<tr><td>${esc(name)}</td><td>${esc(kind)}</td><td>${esc(data || '—')}</td></tr>`;
  };
  const tasks = await api('GET', `/report_tasks?report_id=${encodeURIComponent(id)}&limit=50`).catch(() => ({ items: [] }));
  main.innerHTML = `<h1>${esc(r.name)}</h1><p>${act('Generate now', '', 'generate', `data-id="${r.id}"`)} ${S.ro ? '' : `<a href="#/task/new?report_id=${r.id}">Schedule it</a>`}
    <a href="#/runs?report_id=${esc(r.id)}">Its runs</a></p>
    <p>Owner <code>${esc(r.owner_id)}</code>; updated ${time(r.updated_at)}${r.is_system ? '; system report' : ''}.</p>
    <h2>Pages and widgets</h2><div id="report-pages">${pagesOf.map((p, i) => `<section class="report-page" aria-labelledby="page-${i + 1}"><h3 id="page-${i + 1}">Page ${i + 1}</h3>
      ${p.length ? `<table><thead><tr><th scope="col">Widget</th><th scope="col">Kind</th><th scope="col">Data</th></tr></thead><tbody>${p.map(describe).join('')}</tbody></table>` : '<p class="muted">Empty page.</p>'}</section>`).join('') || '<p class="muted">No pages.</p>'}</div>
    <h2>Tasks</h2><ul id="report-tasks">${tasks.items.map((t) => `<li><a href="#/task/${t.id}">${esc(t.name || t.id)}</a>: <code>${esc(t.interval)}</code> (${esc(t.timezone)})${t.enabled ? '' : ', paused'}</li>`).join('') || '<li class="muted">None.</li>'}</ul>
    <details><summary>Definition (JSON)</summary><pre>${esc(JSON.stringify(r, null, 2))}</pre></details>`;
  main.addEventListener('click', generate);
};

pages.datasets = async (main) => {
  const list = await api('GET', '/datasets');
  const details = await Promise.all(list.items.map((d) => api('GET', '/datasets/' + encodeURIComponent(d.name)).catch(() => d)));
  main.innerHTML = `<h1>Datasets</h1>${details.map((d) => `<section><h2>${esc(d.name)}</h2><table><thead><tr><th>Field</th><th>Type</th></tr></thead><tbody>
    ${(d.fields || []).map((f) => `<tr><td>${esc(f.name)}${f.name === d.time_field ? ' (time)' : ''}</td><td>${esc(f.type)}</td></tr>`).join('')}</tbody></table></section>`).join('') || '<p>No datasets.</p>'}`;
};

async function route() {
  S.listeners.clear(); S.timers.forEach(clearInterval); S.timers = [];
  const path = (location.hash.replace(/^#\//, '').split('?')[0] || 'overview').split('/');
  const name = path[0] in pages ? path[0] : 'overview';
  document.querySelectorAll('header nav a').forEach((a) => a.removeAttribute('aria-current'));
  document.querySelectorAll('header nav a').forEach((a) => { if (a.getAttribute('href') === '#/' + name) a.setAttribute('aria-current', 'page'); });
  const old = $('#main'); const main = old.cloneNode(false); old.replaceWith(main);
  main.setAttribute('aria-busy', 'true');
  try { await pages[name](main, path[1]); } catch (e) { main.innerHTML = `<h1>Error</h1><p class="error-text" role="alert">${esc(e.message)}</p>`; }
  main.removeAttribute('aria-busy');
  document.body.dataset.page = name;
  performance.mark('console-page-ready', { detail: name }); // read by the console benchmark
}

async function start() {
  if (S.ro) say('Read-only mode: actions are hidden and the server refuses changes.');
  await identity();
  connectLive();
  route();
}

(async () => {
  S.settings = await (await fetch('/console/settings.json')).json();
  S.ro = S.settings.read_only;
  window.addEventListener('hashchange', route);
  // the skip link moves the focus; following its #main would route away from the page
  $('.skip').addEventListener('click', (e) => { e.preventDefault(); $('#main').focus(); });
  await start();
})();
