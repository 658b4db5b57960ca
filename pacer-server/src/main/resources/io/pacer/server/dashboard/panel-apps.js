// Seed 001's performance widget, one per batcher of every scraped application that uses Pacer's library (found by
// its meters, pacer-core's BatcherMeters as Micrometer's Prometheus registry names them): throughput gauge, batching
// efficiency against the 80% target, circuit breaker state and trips, batch sizes over time, and latency
// p50/p95/p99. An application's tiered caches (CacheMeters) get a smaller card: hit ratios and the Redis breaker.

import { on } from './events.js';
import { timeChart } from './charts.js';
import { count, el, micros, percent } from './format.js';

export const METERS = {
  throughput: 'pacer_batcher_throughput_events_s',
  efficiency: 'pacer_batcher_batch_efficiency_ratio',
  breakerState: 'pacer_batcher_breaker_state',
  breakerTrips: 'pacer_batcher_breaker_trips',
  batchMean: 'pacer_batcher_batch_size_mean_events',
  batchMax: 'pacer_batcher_max_events',
  latency: 'pacer_batcher_latency_microseconds',
  dropRate: 'pacer_batcher_drop_rate_ratio',
  spoolDepth: 'pacer_batcher_spool_depth_events',
  cacheHitRatio: 'pacer_cache_hit_ratio',
  cacheBreakerState: 'pacer_cache_breaker_state',
  cacheBreakerTrips: 'pacer_cache_breaker_trips',
};

/** All of them: the widgets show the latest values at once, and the batch-size chart its last hour. */
export const HISTORY = Object.values(METERS);

const BREAKER = ['CLOSED', 'HALF_OPEN', 'OPEN'];
const BREAKER_LEVEL = ['healthy', 'degraded', 'critical'];
const QUANTILES = [
  ['0.5', 'p50'],
  ['0.95', 'p95'],
  ['0.99', 'p99'],
];
const EFFICIENCY_TARGET = 0.8;
const SVG = 'http://www.w3.org/2000/svg';

const SCRAPE = 'scrape:';

const widgets = new Map();
let serial = 0;

/** Marks every widget of a scraped target as down (its figures are the last ones read) or up again. */
function targetState(target, up, why) {
  for (const w of widgets.values()) {
    if (w.target === target) {
      w.card.dataset.state = up ? 'up' : 'down';
      w.down.hidden = up;
      w.down.textContent = up ? '' : 'Not answering' + (why ? ': ' + why : '') + ' — the figures are the last read.';
    }
  }
}

/** The line a widget shows while its target does not answer. */
function downLine() {
  return el('p', { class: 'target-down', role: 'status', hidden: true });
}

export function mount() {
  on('collectors', (views) => {
    for (const v of views) {
      if (v.name.startsWith(SCRAPE)) {
        targetState(v.name.substring(SCRAPE.length), v.state === 'up' || v.state === 'starting', v.error);
      }
    }
  });
  on('samples', (samples) => {
    for (const s of samples) {
      if (s.name === 'collector.up' && (s.labels.collector || '').startsWith(SCRAPE)) {
        targetState(s.labels.collector.substring(SCRAPE.length), s.value >= 1, '');
      } else if (s.name.startsWith('pacer_batcher_') && s.labels.batcher !== undefined) {
        batcher(s.labels).update(s);
      } else if (s.name.startsWith('pacer_cache_') && s.labels.cache !== undefined) {
        cache(s.labels).update(s);
      }
    }
  });
}

function container() {
  document.getElementById('apps-empty').hidden = true;
  return document.getElementById('apps');
}

function title(id, name, target) {
  return el('h3', { id }, name, target ? el('span', { class: 'sub' }, ' ' + target) : null);
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    node.setAttribute(k, String(v));
  }
  return node;
}

/** A round ceiling for the gauge: 1, 2 or 5 times a power of ten. */
function niceCeiling(v) {
  if (!(v > 0)) {
    return 1;
  }
  const power = Math.pow(10, Math.floor(Math.log10(v)));
  return [1, 2, 5, 10].map((m) => m * power).find((c) => c >= v);
}

function batcher(labels) {
  const key = 'batcher|' + (labels.target || '') + '|' + labels.batcher;
  if (widgets.has(key)) {
    return widgets.get(key);
  }
  const id = 'app-' + ++serial;
  const arc = 'M 10 60 A 50 50 0 0 1 110 60';
  const fill = svg('path', { d: arc, class: 'gauge-fill', pathLength: 100, 'stroke-dasharray': '0 100' });
  const gauge = svg('svg', { viewBox: '0 0 120 66', class: 'gauge', 'aria-hidden': 'true' });
  gauge.append(svg('path', { d: arc, class: 'gauge-track' }), fill);
  const field = (name, initial = '–', attrs = {}) => el('span', { ...attrs, data: { field: name } }, initial);
  const throughput = field('throughput', '–', { class: 'big' });
  const gaugeMax = field('gauge-max', '');
  const efficiency = field('efficiency', '–', { class: 'value' });
  const efficiencyBar = el('div', { class: 'bar-fill' });
  const breaker = field('breaker', 'unknown', { class: 'badge', 'aria-live': 'polite' });
  breaker.dataset.status = 'none';
  const trips = field('trips', '–');
  const drops = field('drops', '');
  const latencyRows = QUANTILES.map(([q, label]) => {
    const bar = el('div', { class: 'bar-fill' });
    const value = field(label, '–', { class: 'value' });
    return { q, bar, value, row: el('div', { class: 'lat-row' }, el('span', { class: 'q' }, label), el('div', { class: 'bar' }, bar), value) };
  });
  const down = downLine();
  const chartBox = el('div', {
    class: 'chart chart-small',
    data: { chart: id },
    role: 'img',
    'aria-label': 'Mean and max batch size of ' + labels.batcher + ' over time, events',
  });
  const card = el(
    'article',
    { class: 'app', id, tabindex: 0, 'aria-labelledby': id + '-title', data: { batcher: labels.batcher } },
    title(id + '-title', labels.batcher, labels.target),
    down,
    el(
      'div',
      { class: 'app-grid' },
      el(
        'figure',
        { class: 'stat gauge-box' },
        gauge,
        el('figcaption', {}, throughput, ' events/s', el('span', { class: 'sub' }, ' of ', gaugeMax)),
      ),
      el(
        'div',
        { class: 'stat' },
        el('span', { class: 'label' }, 'Batching efficiency'),
        efficiency,
        el('div', { class: 'bar bar-target', title: 'target 80%' }, efficiencyBar),
        el('span', { class: 'sub' }, 'mean batch / max batch; target ≥ 80%'),
      ),
      el(
        'div',
        { class: 'stat' },
        el('span', { class: 'label' }, 'Circuit breaker'),
        breaker,
        el('span', { class: 'sub' }, trips, ' ', drops),
      ),
      el(
        'div',
        { class: 'stat latency', role: 'group', 'aria-label': 'Latency since start' },
        el('span', { class: 'label' }, 'Latency (offer to acknowledgement)'),
        ...latencyRows.map((r) => r.row),
      ),
      el('div', { class: 'stat stat-wide' }, el('span', { class: 'label' }, 'Batch size'), chartBox),
    ),
  );
  container().append(card);
  const chart = timeChart(chartBox, {
    name: id + '-batch',
    series: [
      { label: 'mean batch', format: (v) => v.toFixed(1) },
      { label: 'max batch', format: (v) => v.toFixed(0), dash: [6, 6] },
    ],
    yFormat: (v) => count(v),
    height: 120,
  });
  let peak = 0;
  const latency = {};

  const widget = {
    target: labels.target || '',
    card,
    down,
    update(s) {
      switch (s.name) {
        case METERS.throughput: {
          peak = Math.max(peak, s.value);
          const max = niceCeiling(peak * 1.25);
          throughput.textContent = count(s.value);
          gaugeMax.textContent = count(max);
          fill.setAttribute('stroke-dasharray', Math.min(100, (100 * s.value) / max).toFixed(1) + ' 100');
          break;
        }
        case METERS.efficiency:
          efficiency.textContent = percent(s.value, 0);
          efficiencyBar.style.width = Math.min(100, Math.max(0, s.value * 100)) + '%';
          efficiencyBar.dataset.level = s.value >= EFFICIENCY_TARGET ? 'good' : 'fair';
          break;
        case METERS.breakerState: {
          const i = Math.max(0, Math.min(2, Math.round(s.value)));
          breaker.textContent = BREAKER[i];
          breaker.dataset.status = BREAKER_LEVEL[i];
          card.dataset.breaker = BREAKER[i];
          break;
        }
        case METERS.breakerTrips:
          trips.textContent = count(s.value) + (s.value === 1 ? ' trip' : ' trips');
          break;
        case METERS.dropRate:
          drops.textContent = s.value > 0 ? '· ' + percent(s.value, 2) + ' dropped' : '';
          break;
        case METERS.batchMean:
          chart.append(0, s.at, s.value);
          break;
        case METERS.batchMax:
          chart.append(1, s.at, s.value);
          break;
        case METERS.latency:
          if (QUANTILES.some(([q]) => q === s.labels.quantile)) {
            latency[s.labels.quantile] = s.value;
            const top = Math.max(...Object.values(latency), 1);
            for (const r of latencyRows) {
              const v = latency[r.q];
              r.value.textContent = micros(v);
              r.bar.style.width = (Number.isFinite(v) ? (100 * v) / top : 0) + '%';
            }
          }
          break;
        default:
      }
    },
  };
  widgets.set(key, widget);
  return widget;
}

function cache(labels) {
  const key = 'cache|' + (labels.target || '') + '|' + labels.cache;
  if (widgets.has(key)) {
    return widgets.get(key);
  }
  const id = 'app-' + ++serial;
  const l1 = el('span', { class: 'value' }, '–');
  const l2 = el('span', { class: 'value' }, '–');
  const breaker = el('span', { class: 'badge', data: { status: 'none', field: 'cache-breaker' }, 'aria-live': 'polite' }, 'unknown');
  const trips = el('span', { class: 'sub' }, '');
  const down = downLine();
  const card = el(
    'article',
    { class: 'app app-cache', id, tabindex: 0, 'aria-labelledby': id + '-title', data: { cache: labels.cache } },
    title(id + '-title', 'cache ' + labels.cache, labels.target),
    down,
    el(
      'div',
      { class: 'app-grid' },
      el('div', { class: 'stat' }, el('span', { class: 'label' }, 'L1 hit ratio'), l1),
      el('div', { class: 'stat' }, el('span', { class: 'label' }, 'L2 (Redis) hit ratio'), l2),
      el('div', { class: 'stat' }, el('span', { class: 'label' }, 'Redis breaker'), breaker, trips),
    ),
  );
  container().append(card);
  const widget = {
    target: labels.target || '',
    card,
    down,
    update(s) {
      if (s.name === METERS.cacheHitRatio) {
        (s.labels.tier === 'l2' ? l2 : l1).textContent = percent(s.value);
      } else if (s.name === METERS.cacheBreakerState) {
        const i = Math.max(0, Math.min(2, Math.round(s.value)));
        breaker.textContent = BREAKER[i];
        breaker.dataset.status = BREAKER_LEVEL[i];
      } else if (s.name === METERS.cacheBreakerTrips) {
        trips.textContent = ' ' + count(s.value) + (s.value === 1 ? ' trip' : ' trips');
      }
    },
  };
  widgets.set(key, widget);
  return widget;
}
