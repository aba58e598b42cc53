// The LabelTune page: talks only to the public /v1 API, with the key the user enters.
const $ = (sel) => document.querySelector(sel);
const state = { key: sessionStorage.getItem('labeltune.key') || '', task: null, tryTimer: null, trySeq: 0 };

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(method, path, body, options = {}) {
  const headers = {};
  if (state.key) headers.Authorization = 'Bearer ' + state.key;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload });
  } catch (e) {
    throw new ApiError(0, 'The server cannot be reached: ' + e.message);
  }
  if (!response.ok) {
    let message = 'HTTP ' + response.status;
    try { message = (await response.json()).error.message; } catch (ignored) { /* not our JSON shape */ }
    throw new ApiError(response.status, message);
  }
  if (options.raw) return response;
  return response.status === 204 ? null : response.json();
}

function show(el, message) { el.textContent = message || ''; }
function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) el.setAttribute(k, v);
  }
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}
const pct = (p) => (100 * p).toFixed(1) + '%';
const num = (x) => (x === undefined || x === null ? '–' : Number(x).toFixed(1));

// ---- key ----
$('#api-key').value = state.key;
$('#key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  state.key = $('#api-key').value.trim();
  sessionStorage.setItem('labeltune.key', state.key);
  loadTasks();
});

// ---- task list ----
async function loadTasks() {
  show($('#global-error'), '');
  let page;
  try {
    page = await api('GET', '/v1/tasks?limit=500');
  } catch (e) {
    show($('#global-error'), e.status === 401 ? 'Enter a valid API key: ' + e.message : e.message);
    return;
  }
  const body = $('#task-table tbody');
  clear(body);
  if (page.items.length === 0) body.append(h('tr', {}, h('td', { colspan: 6 }, 'No tasks yet: create one below.')));
  for (const t of page.items) {
    body.append(h('tr', { 'data-task': t.id },
      h('td', {}, t.name), h('td', {}, t.labels.map((l) => l.name).join(', ')), h('td', {}, t.examples ?? 0),
      h('td', {}, t.active_version ?? '–'), h('td', {}, t.last_tuned ? new Date(t.last_tuned).toLocaleString() : 'never'),
      h('td', {},
        h('button', { type: 'button', class: 'open', onclick: () => openTask(t.id) }, 'Open'), ' ',
        h('button', { type: 'button', class: 'secondary delete', 'aria-label': 'Delete task ' + t.name,
          onclick: () => deleteTask(t) }, 'Delete'))));
  }
}

async function deleteTask(t) {
  if (!confirm('Delete task "' + t.name + '" with its examples and versions?')) return;
  try {
    await api('DELETE', '/v1/tasks/' + t.id);
    if (state.task && state.task.id === t.id) { state.task = null; $('#task-section').hidden = true; }
    loadTasks();
  } catch (e) { show($('#global-error'), e.message); }
}

// ---- create ----
function parseLabels(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const i = line.indexOf(':');
    return i > 0 ? { name: line.slice(0, i).trim(), text: line.slice(i + 1).trim() } : { name: line };
  });
}
function previewHypotheses() {
  const list = $('#hypothesis-preview');
  clear(list);
  const template = $('#task-template').value || 'This text is about {}.';
  for (const l of parseLabels($('#task-labels').value)) {
    list.append(h('li', {}, h('strong', {}, l.name), ': ', l.text || template.replace('{}', l.name)));
  }
}
['#task-labels', '#task-template'].forEach((s) => $(s).addEventListener('input', previewHypotheses));
$('#create-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  show($('#create-error'), '');
  const labels = parseLabels($('#task-labels').value).map((l) => (l.text ? l : l.name));
  try {
    const task = await api('POST', '/v1/tasks', { name: $('#task-name').value.trim(), labels,
      template: $('#task-template').value.trim() || null, multi_label: $('#task-multi').checked });
    $('#create-form').reset();
    previewHypotheses();
    await loadTasks();
    openTask(task.id);
  } catch (err) { show($('#create-error'), err.message); }
});

// ---- one task ----
async function openTask(id) {
  try {
    state.task = await api('GET', '/v1/tasks/' + id);
  } catch (e) { show($('#global-error'), e.message); return; }
  $('#task-section').hidden = false;
  $('#task-title').textContent = state.task.name;
  $('#task-summary').textContent = 'Labels: ' + state.task.labels.map((l) => l.name).join(', ')
    + (state.task.template ? ' · template: ' + state.task.template : '');
  clear($('#try-result')); clear($('#tune-report')); clear($('#import-errors'));
  ['#try-error', '#import-status', '#tune-status', '#tune-error', '#version-error'].forEach((s) => show($(s), ''));
  $('#try-text').value = '';
  Object.assign(queue, { items: [], at: 0, labeled: 0, skipped: new Set(), choice: 0 });
  ['#pool-status', '#queue-error'].forEach((s) => show($(s), ''));
  renderQueue();
  loadQueue().catch((e) => show($('#queue-error'), e.message));
  refreshTask();
  $('#task-section').scrollIntoView({ behavior: 'smooth' });
}

async function refreshTask() {
  const t = state.task;
  try {
    const page = await api('GET', '/v1/tasks/' + t.id + '/examples?limit=1000');
    show($('#example-count'), page.items.length + (page.next ? '+' : '') + ' examples stored');
    const versions = (await api('GET', '/v1/tasks/' + t.id + '/versions')).versions;
    const body = $('#version-table tbody');
    clear(body);
    for (const v of versions.slice().reverse()) {
      body.append(h('tr', { 'data-version': v.version },
        h('td', {}, v.version + (v.active ? ' (active)' : '')), h('td', {}, v.method), h('td', {}, num(v.cv_macro_f1)),
        h('td', {}, num(v.zero_shot_macro_f1)), h('td', {}, new Date(v.created).toLocaleString()),
        h('td', {}, v.active ? '' : h('button', { type: 'button', class: 'secondary activate',
          'aria-label': 'Make version ' + v.version + ' active', onclick: () => activate(v.version) },
          'Make active'))));
    }
  } catch (e) { show($('#version-error'), e.message); }
}

async function activate(version) {
  show($('#version-error'), '');
  try {
    await api('POST', '/v1/tasks/' + state.task.id + '/versions/' + version + '/activate');
    await refreshTask();
    loadTasks();
    scheduleTry();
  } catch (e) { show($('#version-error'), e.message); }
}

// ---- try it ----
function scheduleTry() {
  clearTimeout(state.tryTimer);
  state.tryTimer = setTimeout(runTry, 300);
}
$('#try-text').addEventListener('input', scheduleTry);

async function runTry() {
  const texts = $('#try-text').value.split('\n').map((l) => l.trim()).filter(Boolean);
  const out = $('#try-result');
  show($('#try-error'), '');
  if (!state.task || texts.length === 0) { clear(out); return; }
  if (texts.length > 256) { show($('#try-error'), 'At most 256 texts at once; only the first 256 are classified.'); }
  const seq = ++state.trySeq;
  let result;
  try {
    result = await api('POST', '/v1/tasks/' + state.task.id + '/classify', { texts: texts.slice(0, 256) });
  } catch (e) { if (seq === state.trySeq) show($('#try-error'), e.message); return; }
  if (seq !== state.trySeq) return; // a newer request is on its way
  clear(out);
  const labels = state.task.labels.map((l) => l.name);
  if (texts.length === 1) {
    const p = result.predictions[0];
    const bars = h('ul', { class: 'bars', 'aria-label': 'Label probabilities' });
    Object.entries(p.probabilities).sort((a, b) => b[1] - a[1]).forEach(([label, prob]) => bars.append(
      h('li', { 'data-label': label }, h('span', {}, label),
        h('span', { class: 'bar', style: 'width:' + Math.max(0.5, 100 * prob) + '%', role: 'presentation' }),
        h('span', { class: 'prob' }, pct(prob)))));
    out.append(bars, notes(p), correction(texts[0], p.label, labels));
  } else {
    const table = h('table', { class: 'predictions' }, h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Text'), h('th', { scope: 'col' }, 'Label'), h('th', { scope: 'col' }, 'Probability'),
      h('th', { scope: 'col' }, 'Correct label'))));
    const body = h('tbody');
    result.predictions.forEach((p, i) => body.append(h('tr', {}, h('td', {}, texts[i]), h('td', {}, p.label),
      h('td', {}, pct(p.probabilities[p.label])), h('td', {}, correction(texts[i], p.label, labels), notes(p)))));
    table.append(body);
    out.append(h('div', { class: 'table-wrap' }, table));
  }
}

function notes(p) {
  const parts = [];
  if (p.no_known_tokens) parts.push('No word of this text is known to the model: the label is a guess.');
  if (p.truncated) parts.push('Only the beginning of this text was read (it is longer than the model takes).');
  return h('p', { class: 'note' }, parts.join(' '));
}

function correction(text, predicted, labels) {
  const id = 'fix-' + Math.random().toString(36).slice(2);
  const select = h('select', { id, class: 'fix-label' });
  labels.forEach((l) => { const o = h('option', { value: l }, l); if (l === predicted) o.selected = true; select.append(o); });
  const status = h('span', { class: 'fix-status', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'secondary save-example', onclick: async () => {
    status.textContent = '';
    status.className = 'fix-status';
    try {
      await api('POST', '/v1/tasks/' + state.task.id + '/examples', [{ text, label: select.value }]);
      status.textContent = ' Saved as an example of "' + select.value + '".';
      refreshTask();
      loadTasks();
    } catch (e) { status.textContent = ' ' + e.message; status.className = 'fix-status error'; }
  } }, 'Save as example');
  return h('span', { class: 'correction' }, h('label', { for: id }, 'Right label'), select, button, status);
}

// ---- import ----
function parseCsvLine(line) {
  const cells = [];
  let cell = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cell); cell = ''; } else cell += c;
  }
  if (quoted) throw new Error('a quoted field is not closed');
  cells.push(cell);
  return cells;
}

function parseExamples(name, content, known) {
  const lines = content.split(/\r?\n/);
  const rows = [], errors = [];
  let textCol = 0, labelCol = 1, start = 0;
  const csv = !/\.jsonl?$/i.test(name);
  if (csv && lines.length > 0) {
    const header = parseCsvLine(lines[0]).map((c) => c.trim().toLowerCase());
    if (header.includes('text') && header.includes('label')) {
      textCol = header.indexOf('text'); labelCol = header.indexOf('label'); start = 1;
    }
  }
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) continue;
    const n = i + 1;
    let text, label;
    try {
      if (csv) { const cells = parseCsvLine(line); text = cells[textCol]; label = cells[labelCol]; }
      else { const o = JSON.parse(line); text = o.text; label = o.label; }
    } catch (e) { errors.push('Line ' + n + ': ' + e.message); continue; }
    if (typeof text !== 'string' || !text.trim()) { errors.push('Line ' + n + ': the text is missing or empty'); continue; }
    if (typeof label !== 'string' || !label.trim()) { errors.push('Line ' + n + ': the label is missing'); continue; }
    if (!known.includes(label.trim())) { errors.push('Line ' + n + ': unknown label "' + label + '"; the task has ' + known.join(', ')); continue; }
    rows.push({ text, label: label.trim() });
  }
  return { rows, errors };
}

$('#import-file').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  const errorsList = $('#import-errors');
  clear(errorsList);
  show($('#import-status'), '');
  if (!file || !state.task) return;
  const { rows, errors } = parseExamples(file.name, await file.text(), state.task.labels.map((l) => l.name));
  if (errors.length > 0) {
    errors.slice(0, 50).forEach((m) => errorsList.append(h('li', {}, m)));
    show($('#import-status'), 'Nothing was imported from ' + file.name + ': fix the ' + errors.length
      + ' line(s) below and choose the file again.');
    e.target.value = '';
    return;
  }
  try {
    const stored = await api('POST', '/v1/tasks/' + state.task.id + '/examples', rows);
    show($('#import-status'), 'Imported ' + stored.examples.length + ' examples from ' + file.name + '.');
    refreshTask();
    loadTasks();
  } catch (err) {
    errorsList.append(h('li', {}, err.message));
    show($('#import-status'), 'Nothing was imported from ' + file.name + '.');
  }
  e.target.value = '';
});

// ---- label next: the pool and its suggestions ----
const queue = { items: [], at: 0, labeled: 0, skipped: new Set(), choice: 0 };

function parsePool(name, content) {
  const lines = content.split(/\r?\n/).filter((l) => l.trim());
  if (/\.jsonl?$/i.test(name)) {
    return lines.map((line, i) => {
      let o;
      try { o = JSON.parse(line); } catch (e) { throw new Error('Line ' + (i + 1) + ': ' + e.message); }
      const text = typeof o === 'string' ? o : o.text;
      if (typeof text !== 'string') throw new Error('Line ' + (i + 1) + ': no "text" field');
      return text;
    });
  }
  if (/\.csv$/i.test(name)) {
    const header = parseCsvLine(lines[0]).map((c) => c.trim().toLowerCase());
    const col = Math.max(0, header.indexOf('text'));
    return lines.slice(header.includes('text') ? 1 : 0).map((l) => parseCsvLine(l)[col] || '');
  }
  return lines;
}

$('#pool-file').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  show($('#pool-status'), ''); show($('#queue-error'), '');
  if (!file || !state.task) return;
  try {
    const texts = parsePool(file.name, await file.text());
    const result = await api('POST', '/v1/tasks/' + state.task.id + '/pool', { texts });
    show($('#pool-status'), 'Added ' + result.added.length + ' texts from ' + file.name + ' to the pool'
      + (result.refused.length ? ' (' + result.refused.length + ' blank or already there)' : '') + '.');
    await loadQueue();
  } catch (err) { show($('#queue-error'), err.message); }
  e.target.value = '';
});

async function loadQueue() {
  const found = await api('GET', '/v1/tasks/' + state.task.id + '/suggestions?n=20');
  queue.items = found.suggestions.filter((s) => !queue.skipped.has(s.id));
  queue.at = 0;
  renderQueue();
}

function renderQueue() {
  const item = queue.items[queue.at];
  $('#queue').hidden = !item && queue.labeled === 0;
  show($('#queue-count'), queue.labeled + ' labeled here' + (item ? '' : ' · nothing left to suggest: add texts to the pool'));
  show($('#queue-text'), item ? item.text : '');
  ['#queue-text', '#queue-accept', '#queue-skip'].forEach((sel) => { $(sel).hidden = !item; });
  const labels = $('#queue-labels');
  clear(labels);
  if (!item) return;
  const names = state.task.labels.map((l) => l.name);
  queue.choice = Math.max(0, names.indexOf(item.label));
  names.forEach((name, i) => {
    const id = 'queue-label-' + i;
    const input = h('input', { type: 'radio', name: 'queue-label', id, value: name, onchange: () => { queue.choice = i; } });
    input.checked = i === queue.choice;
    labels.append(h('label', { for: id, class: 'queue-choice' }, input, ' ' + (i < 9 ? (i + 1) + ' ' : '') + name));
  });
}

async function acceptSuggestion() {
  const item = queue.items[queue.at];
  if (!item) return;
  const label = state.task.labels[queue.choice].name;
  try {
    await api('POST', '/v1/tasks/' + state.task.id + '/pool/' + item.id + '/label', { label });
    queue.labeled++;
    refreshTask();
  } catch (e) { show($('#queue-error'), e.message); return; }
  await nextSuggestion();
}

async function nextSuggestion() {
  queue.at++;
  if (queue.at >= queue.items.length) await loadQueue(); else renderQueue();
}

$('#queue-accept').addEventListener('click', acceptSuggestion);
$('#queue-skip').addEventListener('click', () => { const item = queue.items[queue.at]; if (item) queue.skipped.add(item.id); nextSuggestion(); });
$('#queue-tune').addEventListener('click', () => $('#tune-button').click());
document.addEventListener('keydown', (e) => {
  if ($('#queue').hidden || !queue.items[queue.at] || e.ctrlKey || e.metaKey || e.altKey) return;
  const tag = (e.target.tagName || '').toLowerCase();
  if ((tag === 'input' && e.target.type !== 'radio') || tag === 'textarea' || tag === 'select' || tag === 'button') return;
  if (/^[1-9]$/.test(e.key) && Number(e.key) <= state.task.labels.length) {
    queue.choice = Number(e.key) - 1;
    const radio = document.getElementById('queue-label-' + queue.choice);
    if (radio) radio.checked = true;
    e.preventDefault();
  } else if (e.key === 'Enter') {
    e.preventDefault();
    acceptSuggestion();
  } else if (e.key === 's' || e.key === 'S') {
    e.preventDefault();
    queue.skipped.add(queue.items[queue.at].id);
    nextSuggestion();
  }
});

// ---- tune ----
$('#tune-button').addEventListener('click', async () => {
  const progress = $('#tune-progress');
  show($('#tune-error'), ''); show($('#tune-status'), ''); clear($('#tune-report'));
  let job;
  try {
    job = await api('POST', '/v1/tasks/' + state.task.id + '/tune');
  } catch (e) { show($('#tune-error'), e.message); return; }
  $('#tune-button').disabled = true;
  progress.hidden = false; progress.value = 0;
  try {
    for (;;) {
      const j = await api('GET', '/v1/jobs/' + job.job);
      progress.value = j.progress;
      show($('#tune-status'), 'Tuning: ' + j.state + ' (' + pct(j.progress) + ')');
      if (j.state !== 'queued' && j.state !== 'running') {
        if (j.state === 'succeeded') {
          show($('#tune-status'), 'Tuned: version ' + j.version + ' is active.');
          renderReport(j);
        } else show($('#tune-error'), 'Tuning ' + j.state + ': ' + (j.message || ''));
        break;
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  } catch (e) { show($('#tune-error'), e.message); }
  $('#tune-button').disabled = false;
  progress.hidden = true;
  refreshTask();
  loadTasks();
  scheduleTry();
});

function renderReport(job) {
  const out = $('#tune-report');
  out.append(h('div', { class: 'scores' },
    h('div', {}, h('div', {}, 'Cross-validated macro-F1, tuned'), h('div', { class: 'score', id: 'score-tuned' }, num(job.cv_macro_f1))),
    h('div', {}, h('div', {}, 'Zero-shot on the same examples'), h('div', { class: 'score', id: 'score-zero-shot' }, num(job.zero_shot_macro_f1)))));
  const r = job.report;
  if (!r) return;
  const perLabel = h('table', { class: 'per-label' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Label'),
    h('th', { scope: 'col' }, 'F1 tuned'), h('th', { scope: 'col' }, 'F1 zero-shot'), h('th', { scope: 'col' }, 'Examples'))));
  const body = h('tbody');
  r.labels.forEach((l, i) => body.append(h('tr', {}, h('td', {}, l), h('td', {}, num(r.tuned.per_label[i].f1)),
    h('td', {}, num(r.zero_shot.per_label[i].f1)), h('td', {}, r.tuned.per_label[i].support))));
  perLabel.append(body);
  out.append(h('h4', {}, 'Per label'), h('div', { class: 'table-wrap' }, perLabel),
    h('h4', {}, 'Confusion matrix (rows: true label, columns: predicted; out-of-fold)'), confusionSvg(r.labels, r.tuned.confusion));
}

function confusionSvg(labels, m) {
  const ns = 'http://www.w3.org/2000/svg';
  const cell = 36, left = 110, top = 80, right = 80, k = labels.length;
  const max = Math.max(1, ...m.flat());
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + (left + k * cell + right) + ' ' + (top + k * cell + 4));
  svg.setAttribute('class', 'confusion-matrix');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Confusion matrix: ' + labels.map((l, i) => l + ' ' + m[i][i] + ' of '
    + m[i].reduce((a, b) => a + b, 0) + ' right').join('; '));
  svg.style.maxWidth = (left + k * cell + right) * 1.4 + 'px';
  const text = (x, y, s, attrs = {}) => {
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', x); t.setAttribute('y', y); t.setAttribute('font-size', '11');
    for (const [a, v] of Object.entries(attrs)) t.setAttribute(a, v);
    t.textContent = s; svg.append(t);
  };
  labels.forEach((l, i) => {
    text(left - 6, top + i * cell + cell / 2 + 4, l.slice(0, 16), { 'text-anchor': 'end' });
    text(left + i * cell + cell / 2, top - 6, l.slice(0, 14), { transform: 'rotate(-45 ' + (left + i * cell + cell / 2) + ' ' + (top - 6) + ')' });
  });
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
    const r = document.createElementNS(ns, 'rect');
    r.setAttribute('x', left + j * cell); r.setAttribute('y', top + i * cell);
    r.setAttribute('width', cell - 2); r.setAttribute('height', cell - 2);
    const a = m[i][j] / max;
    r.setAttribute('fill', i === j ? 'rgba(37,87,167,' + (0.1 + 0.9 * a) + ')' : 'rgba(179,38,30,' + (a === 0 ? 0.04 : 0.15 + 0.85 * a) + ')');
    svg.append(r);
    text(left + j * cell + cell / 2 - 1, top + i * cell + cell / 2 + 3, m[i][j], { 'text-anchor': 'middle', fill: a > 0.5 ? '#fff' : '#222' });
  }
  return svg;
}

// ---- download ----
$('#download-button').addEventListener('click', async () => {
  show($('#version-error'), '');
  try {
    const response = await api('GET', '/v1/tasks/' + state.task.id + '/head', undefined, { raw: true });
    const url = URL.createObjectURL(await response.blob());
    const a = h('a', { href: url, download: state.task.id + '.head.json' });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) { show($('#version-error'), e.message); }
});

previewHypotheses();
loadTasks();
