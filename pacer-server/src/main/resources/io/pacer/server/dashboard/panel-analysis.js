// Seed 002's analysis on the dashboard: the recommendations of the latest analysis with Apply / Schedule / Details
// (Apply and Schedule first show the plan — the dry run — and apply exactly that plan once confirmed), the bottlenecks
// with their evidence, the trends with a forecast chart, and the action history with each action's verdict.

import { api, historySamples, on, toMillis, Unauthorized } from './events.js';
import { COLORS } from './charts.js';
import { ago, el, render, text } from './format.js';

/** How often the latest analysis is asked for (the service analyses again when its latest is older than 30 s). */
const ANALYSIS_EVERY_MS = 10000;
const TRENDS_EVERY_MS = 300000;
const TRENDS_QUERY = '/api/performance/trends?days=1&horizon_hours=6';
const HISTORY_SHOWN = 20;

const PRIORITY_STATUS = { critical: 'critical', high: 'critical', medium: 'degraded', low: 'none' };
const LEVEL_STATUS = { CRITICAL: 'critical', WARNING: 'degraded', INFO: 'none' };
const ACTION_STATUS = {
  verifying: 'degraded',
  kept: 'healthy',
  reverted: 'critical',
  failed: 'critical',
  scheduled: 'none',
  cancelled: 'none',
};
const TREND_STATUS = { improving: 'healthy', stable: 'none', degrading: 'critical' };

let analysis = null;
let trends = null;
const actions = new Map();
/** Per recommendation id: {mode: 'apply' | 'schedule', plan, busy, message, error, open}. */
const state = new Map();
let forecastPlot = null;
/** Set while signed out: the periodic loads wait for a sign-in rather than ask for the form again and again. */
let paused = false;

function quietly(promise, what) {
  return promise.catch((e) => {
    if (!(e instanceof Unauthorized)) {
      console.warn('dashboard: ' + what + ': ' + e.message);
    }
    return null;
  });
}

export function mount() {
  on('analysis', (a) => {
    analysis = a;
    renderAnalysis();
  });
  on('action', (r) => {
    actions.set(r.id, r);
    renderActions();
  });
  on('unauthorized', () => {
    paused = true;
  });
  on('session', () => {
    paused = false;
  });
  document.getElementById('forecast-series').addEventListener('change', drawForecast);
  setInterval(() => paused || loadAnalysis(), ANALYSIS_EVERY_MS);
  setInterval(() => paused || loadTrends(), TRENDS_EVERY_MS);
  setInterval(renderActions, 30000); // the "… ago" texts age
}

/** Loads everything once (at start, and after a sign-in). */
export function refresh() {
  return Promise.all([loadAnalysis(), loadHistory(), loadTrends()]);
}

async function loadAnalysis() {
  const [recs, found] = await Promise.all([
    quietly(api('/api/performance/recommendations'), 'recommendations'),
    quietly(api('/api/performance/bottlenecks'), 'bottlenecks'),
  ]);
  if (recs && found) {
    analysis = {
      timestamp: recs.timestamp,
      performance_score: recs.performance_score,
      optimization_recommendations: recs.recommendations || [],
      bottlenecks: found.bottlenecks || [],
    };
    renderAnalysis();
  }
}

async function loadHistory() {
  const body = await quietly(api('/api/optimization/history?limit=' + HISTORY_SHOWN), 'action history');
  if (body) {
    actions.clear();
    (body.actions || []).forEach((r) => actions.set(r.id, r));
    renderActions();
  }
}

async function loadTrends() {
  const body = await quietly(api(TRENDS_QUERY), 'trends');
  if (body) {
    trends = body;
    renderTrends();
  }
}

// ---- recommendations and bottlenecks ---------------------------------------------------------------------

function renderAnalysis() {
  const recs = (analysis && analysis.optimization_recommendations) || [];
  const found = (analysis && analysis.bottlenecks) || [];
  text('recommendations-count', String(recs.length));
  text('bottlenecks-count', String(found.length));
  text('analysis-when', analysis ? 'Analysed ' + ago(toMillis(analysis.timestamp)) : '');
  document.getElementById('recommendations-empty').hidden = recs.length > 0;
  document.getElementById('bottlenecks-empty').hidden = found.length > 0;
  const signature = JSON.stringify([recs.map((r) => r.id + r.description), [...state.entries()]]);
  render(document.getElementById('recommendations-list'), signature, () => recs.map(recommendation));
  render(document.getElementById('bottlenecks-list'), JSON.stringify(found), () => found.map(bottleneck));
}

function recommendation(r) {
  const s = state.get(r.id) || {};
  const act = r.action;
  return el(
    'li',
    { class: 'rec', data: { id: r.id, priority: r.priority, kind: act ? act.kind : 'advice' } },
    el('span', { class: 'badge', data: { status: PRIORITY_STATUS[r.priority] || 'none' } }, r.priority),
    el('span', { class: 'name' }, r.type.replace(/_/g, ' ')),
    el('span', { class: 'sub' }, r.category.replace(/_/g, ' ')),
    el('span', { class: 'rec-text' }, r.description),
    el('span', { class: 'detail' }, 'Expected: ' + r.expected_impact + ' · effort ' + r.implementation_effort),
    el(
      'span',
      { class: 'rec-buttons' },
      act ? button('Apply', 'apply', r, () => planFor(r, 'apply')) : null,
      act ? button('Schedule', 'schedule', r, () => planFor(r, 'schedule')) : null,
      button(s.open ? 'Hide details' : 'Details', 'details', r, () => update(r.id, { open: !s.open })),
    ),
    s.open ? details(r) : null,
    s.plan ? planBox(r, s) : null,
    s.message ? el('span', { class: 'rec-message', role: 'status' }, s.message) : null,
    s.error ? el('span', { class: 'rec-error', role: 'alert' }, s.error) : null,
  );
}

function button(label, role, r, onClick) {
  const b = el('button', { type: 'button', data: { role, rec: r.id } }, label);
  b.addEventListener('click', onClick);
  return b;
}

function details(r) {
  const act = r.action;
  return el(
    'div',
    { class: 'rec-details' },
    el('ol', {}, ...r.actions.map((a) => el('li', {}, a))),
    el('p', { class: 'detail' }, 'Rests on: ' + r.findings.join(', ')),
    act
      ? el(
          'p',
          { class: 'detail' },
          'Action: ' + act.kind + ' on ' + act.target + ' ' + JSON.stringify(act.parameters || {}),
        )
      : el('p', { class: 'detail' }, 'Carried out by people: Pacer has no action for it.'),
  );
}

function planBox(r, s) {
  const scheduling = s.mode === 'schedule';
  const at = el('input', { type: 'datetime-local', class: 'rec-at', value: localIn(3600), aria: { label: 'When' } });
  const confirm = el('button', { type: 'button', class: 'primary', data: { role: 'confirm', rec: r.id } });
  confirm.textContent = scheduling ? 'Confirm schedule' : 'Confirm apply';
  confirm.disabled = !!s.busy;
  confirm.addEventListener('click', () => (scheduling ? schedule(r, s.plan, at.value) : apply(r, s.plan)));
  const cancel = el('button', { type: 'button', data: { role: 'cancel', rec: r.id } }, 'Cancel');
  cancel.addEventListener('click', () => update(r.id, { plan: null, mode: null, message: '', error: '' }));
  return el(
    'div',
    { class: 'plan', data: { plan: s.plan.id } },
    el('p', {}, el('strong', {}, 'Plan ' + s.plan.id + ': '), s.plan.summary),
    el(
      'table',
      { class: 'table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Setting'), el('th', {}, 'Now'), el('th', {}, 'After'))),
      el(
        'tbody',
        {},
        ...s.plan.changes.map((c) =>
          el('tr', {}, el('td', {}, c.setting), el('td', {}, c.before ?? '—'), el('td', {}, c.after ?? '—')),
        ),
      ),
    ),
    s.plan.verification
      ? el(
          'p',
          { class: 'detail' },
          'Verified on ' + s.plan.verification.series + ' over ' + s.plan.verification.window + '; reverted on degradation',
        )
      : null,
    scheduling ? el('label', {}, 'At ', at) : null,
    confirm,
    cancel,
  );
}

function update(id, change) {
  state.set(id, Object.assign({}, state.get(id) || {}, change));
  renderAnalysis();
}

async function planFor(r, mode) {
  update(r.id, { busy: true, error: '', message: 'Planning…' });
  try {
    const plan = await api('/api/optimization/plan', { method: 'POST', body: { recommendation_id: r.id } });
    update(r.id, { busy: false, mode, plan, message: '' });
  } catch (e) {
    update(r.id, { busy: false, plan: null, message: '', error: e.message });
  }
}

async function apply(r, plan) {
  update(r.id, { busy: true, error: '' });
  try {
    const record = await api('/api/optimization/apply', { method: 'POST', body: { plan_id: plan.id } });
    actions.set(record.id, record);
    renderActions();
    update(r.id, { busy: false, plan: null, mode: null, message: 'Applied as ' + record.id + ': ' + record.status });
  } catch (e) {
    update(r.id, { busy: false, error: e.message });
  }
}

async function schedule(r, plan, local) {
  const at = new Date(local);
  if (!local || Number.isNaN(at.getTime())) {
    update(r.id, { error: 'Give a date and time to apply it at' });
    return;
  }
  update(r.id, { busy: true, error: '' });
  try {
    const body = { plan_id: plan.id, at: at.toISOString() };
    const record = await api('/api/optimization/schedule', { method: 'POST', body });
    actions.set(record.id, record);
    renderActions();
    update(r.id, { busy: false, plan: null, mode: null, message: 'Scheduled as ' + record.id + ' for ' + at.toLocaleString() });
  } catch (e) {
    update(r.id, { busy: false, error: e.message });
  }
}

/** A datetime-local value {@code seconds} from now, in local time. */
function localIn(seconds) {
  const d = new Date(Date.now() + seconds * 1000);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

function bottleneck(f) {
  const subject = Object.entries(f.subject || {})
    .map(([k, v]) => k + '=' + v)
    .join(' ');
  return el(
    'li',
    { data: { kind: f.kind } },
    el('span', { class: 'badge', data: { status: LEVEL_STATUS[f.level] || 'none' } }, String(f.level).toLowerCase()),
    el('span', { class: 'name' }, f.kind),
    subject ? el('span', { class: 'sub' }, subject) : null,
    el('span', { class: 'sub' }, Math.round(f.confidence * 100) + '% sure'),
    el('span', {}, f.summary),
    ...(f.evidence || []).map((e) =>
      el(
        'span',
        { class: 'detail' },
        e.series + ' ' + e.statistic + ' ' + round(e.observed) + ' ' + e.comparator + ' ' + round(e.threshold) +
          (e.note ? ' — ' + e.note : ''),
      ),
    ),
  );
}

function round(v) {
  return typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : String(v);
}

// ---- action history ---------------------------------------------------------------------------------------

function renderActions() {
  const rows = [...actions.values()]
    .sort((a, b) => toMillis(b.created_at) - toMillis(a.created_at))
    .slice(0, HISTORY_SHOWN);
  text('actions-count', String(rows.length));
  document.getElementById('actions-empty').hidden = rows.length > 0;
  render(document.getElementById('actions-rows'), JSON.stringify([rows, Math.floor(Date.now() / 30000)]), () =>
    rows.map(actionRow),
  );
}

function actionRow(r) {
  const undoable = r.status === 'verifying' || r.status === 'kept' || r.status === 'scheduled';
  const undo = undoable
    ? el('button', { type: 'button', data: { role: 'revert', action: r.id } }, r.status === 'scheduled' ? 'Cancel' : 'Revert')
    : null;
  if (undo) {
    undo.addEventListener('click', () => revert(r));
  }
  const when = r.applied_at || r.scheduled_for || r.created_at;
  return el(
    'tr',
    { data: { id: r.id, status: r.status } },
    el('th', { scope: 'row' }, r.plan.summary, el('span', { class: 'detail' }, r.id + (r.error ? ' — ' + r.error : ''))),
    el('td', {}, el('span', { class: 'badge', data: { status: ACTION_STATUS[r.status] || 'none' } }, r.status)),
    el(
      'td',
      { class: 'verdict' },
      r.verdict || '—',
      r.verdict_detail ? el('span', { class: 'detail' }, r.verdict_detail) : null,
      r.revert_reason ? el('span', { class: 'detail' }, 'Reverted by ' + r.reverted_by + ': ' + r.revert_reason) : null,
    ),
    el('td', {}, r.requested_by),
    el('td', {}, ago(toMillis(when))),
    el('td', {}, undo),
  );
}

async function revert(r) {
  try {
    const record = await api('/api/optimization/revert?id=' + encodeURIComponent(r.id), {
      method: 'DELETE',
      body: { reason: 'reverted from the dashboard' },
    });
    actions.set(record.id, record);
  } catch (e) {
    console.warn('dashboard: revert of ' + r.id + ': ' + e.message);
    text('actions-error', e.message);
  }
  renderActions();
}

// ---- trends and forecast ----------------------------------------------------------------------------------

function renderTrends() {
  const entries = Object.entries((trends && trends.trends) || {});
  const changes = (trends && trends.significant_changes) || [];
  document.getElementById('trends-empty').hidden = entries.length > 0;
  render(document.getElementById('trends-list'), JSON.stringify([entries, changes]), () => [
    ...entries.map(([name, direction]) =>
      el(
        'li',
        { data: { trend: name } },
        el('span', { class: 'name' }, name.replace(/_trend$/, '').replace(/_/g, ' ')),
        el('span', { class: 'badge', data: { status: TREND_STATUS[direction] || 'none' } }, direction),
      ),
    ),
    ...changes.map((c) =>
      el(
        'li',
        { data: { change: c.metric } },
        el('span', { class: 'name' }, c.metric),
        el('span', {}, (c.change_percent > 0 ? '+' : '') + c.change_percent.toFixed(1) + '% (' + c.change_type + ')'),
        el('span', { class: 'detail' }, 'Possible causes: ' + (c.possible_causes.length ? c.possible_causes.join('; ') : 'none recorded')),
      ),
    ),
  ]);
  const select = document.getElementById('forecast-series');
  const forecasts = (trends && trends.forecasts) || [];
  const names = JSON.stringify(forecasts.map((f) => f.series));
  if (select.dataset.names !== names) {
    select.dataset.names = names;
    select.replaceChildren(...forecasts.map((f, i) => el('option', { value: String(i) }, f.metric)));
  }
  select.hidden = forecasts.length === 0;
  document.getElementById('forecast-label').hidden = forecasts.length === 0;
  drawForecast();
}

async function drawForecast() {
  const forecasts = (trends && trends.forecasts) || [];
  const f = forecasts[Number(document.getElementById('forecast-series').value) || 0];
  const container = document.getElementById('chart-forecast');
  if (!f || typeof uPlot === 'undefined') {
    container.hidden = true;
    return;
  }
  container.hidden = false;
  const body = await quietly(api('/api/performance/metrics?hours=6&name=' + encodeURIComponent(f.series)), 'history');
  const seen = body ? historySamples(body) : [];
  const firstKey = seen.length ? JSON.stringify(seen[0].labels) : null;
  const observed = seen.filter((s) => JSON.stringify(s.labels) === firstKey);
  const rows = [
    ...observed.map((s) => [s.at / 1000, s.value, null, null, null]),
    ...f.points.map((p) => [toMillis(p.at) / 1000, null, p.value, p.lower, p.upper]),
  ].sort((a, b) => a[0] - b[0]);
  const data = [0, 1, 2, 3, 4].map((i) => rows.map((r) => r[i]));
  const series = ['observed', 'forecast', 'lower', 'upper'].map((label, i) => ({
    label,
    stroke: COLORS[Math.min(i, 1)],
    width: i < 2 ? 2 : 1,
    dash: i >= 2 ? [4, 4] : undefined,
    spanGaps: true,
  }));
  if (forecastPlot) {
    forecastPlot.destroy();
  }
  const width = Math.max(container.clientWidth, 200);
  forecastPlot = new uPlot({ width, height: 200, scales: { x: { time: true } }, series: [{}, ...series] }, data, container);
  window.pacerDashboard = Object.assign(window.pacerDashboard || {}, { forecast: { points: rows.length, metric: f.metric } });
}
