// The performance score: the service's health score (0–100, pacer-monitor's HealthScore) with its status, its trend
// over the last 15 minutes, a sparkline of the hour, and the score of each component.

import { on } from './events.js';
import { timeChart } from './charts.js';
import { el, render, text } from './format.js';

/** The stored series of the score, when the service keeps one (its history fills the sparkline). */
export const HISTORY = ['health.score'];

const TREND_SECONDS = 15 * 60;
/** Components below 100 are always listed; healthy ones only up to this many in all. */
const COMPONENTS_SHOWN = 6;
/** The largest deductions listed under "what costs points". */
const WHY_SHOWN = 3;

export function mount() {
  const chart = timeChart(document.getElementById('chart-health'), {
    name: 'health',
    series: [{ label: 'score', format: (v) => v.toFixed(1) }],
    yFormat: (v) => v.toFixed(0),
    yRange: [-3, 103], // a score of 100 is a line below the top edge, not clipped by it
    height: 90,
    compact: true,
  });

  function show(score, status, at) {
    if (!Number.isFinite(score)) {
      return;
    }
    chart.append(0, at, score);
    text('health-score', score.toFixed(score >= 99.95 ? 0 : 1));
    const badge = document.getElementById('health-status');
    const word = status || (score >= 80 ? 'healthy' : score >= 50 ? 'degraded' : 'critical');
    badge.textContent = word;
    badge.dataset.status = word.replace(/\s+/g, '-');
    const bar = document.getElementById('health-bar');
    bar.style.width = Math.max(0, Math.min(100, score)) + '%';
    bar.dataset.level = score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor';
    const change = chart.change(0, TREND_SECONDS);
    if (change === null) {
      text('health-trend', 'no trend yet');
    } else {
      const arrow = change.delta > 0.05 ? '↗' : change.delta < -0.05 ? '↘' : '→';
      const sign = change.delta > 0 ? '+' : change.delta < 0 ? '−' : '±';
      const span = change.seconds < 60 ? Math.round(change.seconds) + ' s' : Math.round(change.seconds / 60) + ' min';
      text('health-trend', arrow + ' ' + sign + Math.abs(change.delta).toFixed(1) + ' in ' + span);
    }
  }

  on('samples', (samples) => {
    for (const s of samples) {
      if (s.name === 'health.score' && Object.keys(s.labels).length === 0) {
        show(s.value, '', s.at);
      }
    }
  });

  on('health', (h) => {
    show(h.score, h.status, h.at);
    const list = document.getElementById('health-components');
    const worst = h.components.slice().sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
    const shown = worst.filter((c, i) => c.score < 100 || i < COMPONENTS_SHOWN);
    const more = worst.length - shown.length;
    const items = shown.map((c) =>
      el(
        'li',
        { data: { level: c.score >= 80 ? 'good' : c.score >= 50 ? 'fair' : 'poor' } },
        el('span', { class: 'name' }, c.name),
        el('span', { class: 'value' }, Number.isFinite(c.score) ? c.score.toFixed(0) : '–'),
      ),
    );
    if (more > 0) {
      items.push(el('li', { class: 'more' }, '+ ' + more + ' more at 100'));
    }
    const why = h.deductions.slice(0, WHY_SHOWN);
    render(document.getElementById('health-why'), JSON.stringify(why), () =>
      why.map((d) =>
        el(
          'li',
          {},
          el('span', { class: 'points' }, '−' + d.points.toFixed(0)),
          el('span', { class: 'name' }, d.component),
          el('span', { class: 'detail' }, d.reason),
        ),
      ),
    );
    render(list, JSON.stringify(shown.map((c) => [c.name, Math.round(c.score)]).concat(more)), () => items);
  });
}
