// What needs a person: Kafka consumer lag per group with its evaluated status, the alerts pending or firing, and
// the runs CI uploaded most recently with links to their reports.

import { on } from './events.js';
import { ago, count, el, micros, render, text } from './format.js';

const LAG_ORDER = ['REWIND', 'STALL', 'STOP', 'ERR', 'WARN', 'OK', 'NOTFOUND'];
const LAG_LEVEL = { OK: 'healthy', WARN: 'degraded', NOTFOUND: 'none' };
const RESOLVED = new Set(['resolved', 'ok', 'inactive', 'cleared', 'normal']);
const RUNS_SHOWN = 10;

const lags = new Map();
const alerts = new Map();
let runs = [];

export function mount() {
  on('lags', (list) => {
    lags.clear();
    list.forEach((l) => lags.set(l.cluster + '/' + l.group, l));
    renderLag();
  });
  on('lag', (l) => {
    lags.set(l.cluster + '/' + l.group, l);
    renderLag();
  });
  on('alerts', (list) => {
    alerts.clear();
    list.filter((a) => !RESOLVED.has(a.state)).forEach((a) => alerts.set(a.key, a));
    renderAlerts();
  });
  on('alert', (a) => {
    if (RESOLVED.has(a.state)) {
      alerts.delete(a.key);
    } else {
      alerts.set(a.key, a);
    }
    renderAlerts();
  });
  on('runs', (list) => {
    runs = list.slice().sort((a, b) => (b.at || 0) - (a.at || 0)).slice(0, RUNS_SHOWN);
    renderRuns();
  });
  on('run', (r) => {
    runs = [r, ...runs.filter((x) => x.id !== r.id)].slice(0, RUNS_SHOWN);
    renderRuns();
  });
  // the "… ago" texts age
  setInterval(() => {
    renderAlerts();
    renderRuns();
  }, 30000);
}

function renderLag() {
  const rows = [...lags.values()].sort(
    (a, b) => LAG_ORDER.indexOf(a.status) - LAG_ORDER.indexOf(b.status) || a.group.localeCompare(b.group),
  );
  render(document.getElementById('lag-rows'), JSON.stringify(rows), () =>
    rows.map((l) =>
      el(
        'tr',
        { data: { group: l.group } },
        el(
          'th',
          { scope: 'row' },
          l.group,
          l.cluster ? el('span', { class: 'sub' }, ' ' + l.cluster) : null,
          l.reason && l.status !== 'OK' ? el('span', { class: 'detail' }, l.reason) : null,
        ),
        el('td', {}, el('span', { class: 'badge', data: { status: LAG_LEVEL[l.status] || 'critical' } }, l.status)),
        el(
          'td',
          { class: 'num' },
          count(l.totalLag),
          Number.isFinite(l.lagSeconds) ? el('span', { class: 'detail' }, l.lagSeconds.toFixed(0) + ' s behind') : null,
        ),
      ),
    ),
  );
  document.getElementById('lag-empty').hidden = rows.length > 0;
}

function renderAlerts() {
  const rows = [...alerts.values()].sort(
    (a, b) =>
      Number(b.severity === 'critical') - Number(a.severity === 'critical') ||
      Number(b.state === 'firing') - Number(a.state === 'firing') ||
      a.key.localeCompare(b.key),
  );
  const signature = JSON.stringify(rows.map((a) => [a.key, a.state, a.severity, a.value, ago(a.at)]));
  render(document.getElementById('alerts-list'), signature, () =>
    rows.map((a) =>
      el(
        'li',
        { class: 'alert', data: { severity: a.severity, state: a.state } },
        el('span', { class: 'badge', data: { status: a.severity === 'critical' ? 'critical' : 'degraded' } }, a.severity),
        el('span', { class: 'name' }, a.rule),
        el('span', { class: 'sub' }, a.state + (Number.isFinite(a.at) ? ' ' + ago(a.at) : '')),
        el('span', { class: 'detail' }, a.series + (Number.isFinite(a.value) ? ' = ' + count(a.value) : '')),
      ),
    ),
  );
  text('alerts-count', String(rows.length));
  document.getElementById('alerts-count').dataset.status = rows.some((a) => a.severity === 'critical')
    ? 'critical'
    : rows.length
      ? 'degraded'
      : 'healthy';
  document.getElementById('alerts-empty').hidden = rows.length > 0;
}

function renderRuns() {
  render(document.getElementById('runs-list'), JSON.stringify(runs.map((r) => [r, ago(r.at)])), () =>
    runs.map((r) =>
      el(
        'li',
        { class: 'run', data: { verdict: r.verdict || 'none' } },
        r.verdict
          ? el('span', { class: 'badge', data: { status: verdictLevel(r.verdict) } }, r.verdict)
          : null,
        r.report ? el('a', { href: r.report, class: 'name' }, r.name) : el('span', { class: 'name' }, r.name),
        el('span', { class: 'sub' }, ago(r.at)),
        figures(r) ? el('span', { class: 'detail' }, figures(r)) : null,
      ),
    ),
  );
  document.getElementById('runs-empty').hidden = runs.length > 0;
}

/** A run's headline: throughput and p99 for a run, scenarios passed for a suite. */
function figures(r) {
  if (Number.isFinite(r.scenarios)) {
    return (Number.isFinite(r.scenariosPassed) ? r.scenariosPassed : '?') + ' of ' + r.scenarios + ' scenarios passed';
  }
  const parts = [];
  if (Number.isFinite(r.operationsPerSecond)) {
    parts.push(count(r.operationsPerSecond) + ' ops/s');
  }
  if (Number.isFinite(r.p99Micros)) {
    parts.push('p99 ' + micros(r.p99Micros));
  }
  return parts.join(' · ');
}

function verdictLevel(verdict) {
  if (/^(pass|passed|ok|improved|unchanged|success|completed)/.test(verdict)) {
    return 'healthy';
  }
  if (/^(fail|failed|regress|error)/.test(verdict)) {
    return 'critical';
  }
  return 'degraded';
}
