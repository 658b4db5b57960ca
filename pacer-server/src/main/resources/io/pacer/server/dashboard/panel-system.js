// CPU, memory, disk and network of the machine the service runs on (pacer-monitor's host collector, and the
// service's own JVM), and the healthy integrations: every other collector the service runs, up or down.

import { on } from './events.js';
import { timeChart } from './charts.js';
import { bytes, count, el, labelKey, percent, render, text } from './format.js';

export const HISTORY = [
  'host.cpu.usage.ratio',
  'jvm.cpu.process.ratio',
  'host.memory.used.ratio',
  'host.swap.used.ratio',
  'host.disk.read.bytes.rate',
  'host.disk.write.bytes.rate',
  'host.network.receive.bytes.rate',
  'host.network.transmit.bytes.rate',
  'collector.up',
];

/** The latest sample of every series: name → label key → {labels, at, value}. */
const latest = new Map();

/** The service's own view of its collectors, once a health event brought it (it says why one is down). */
let collectorViews = null;

function remember(s) {
  if (!latest.has(s.name)) {
    latest.set(s.name, new Map());
  }
  const byLabels = latest.get(s.name);
  const key = labelKey(s.labels);
  const known = byLabels.get(key);
  if (!known || known.at <= s.at) {
    byLabels.set(key, { labels: s.labels, at: s.at, value: s.value });
  }
}

function value(name, labels = {}) {
  const byLabels = latest.get(name);
  const entry = byLabels && byLabels.get(labelKey(labels));
  return entry ? entry.value : NaN;
}

/** The sum over every label set of the values collected with the one at `at` (one collection). */
function sumAt(name, at) {
  let total = 0;
  for (const e of (latest.get(name) || new Map()).values()) {
    if (Math.abs(e.at - at) < 1000) {
      total += e.value;
    }
  }
  return total;
}

// 0% and 100% lines stay inside the plot rather than on (and half under) its edges
const PERCENT = { yFormat: (v) => v.toFixed(0) + '%', yRange: [-3, 103] };
const RATE = { yFormat: (v) => bytes(v, '/s') };

export function mount() {
  const charts = {
    cpu: timeChart(document.getElementById('chart-cpu'), {
      name: 'cpu',
      series: [
        { label: 'host', format: (v) => v.toFixed(1) + '%' },
        { label: 'this service', format: (v) => v.toFixed(1) + '%' },
      ],
      ...PERCENT,
    }),
    memory: timeChart(document.getElementById('chart-memory'), {
      name: 'memory',
      series: [
        { label: 'memory used', format: (v) => v.toFixed(1) + '%' },
        { label: 'swap used', format: (v) => v.toFixed(1) + '%' },
      ],
      ...PERCENT,
    }),
    disk: timeChart(document.getElementById('chart-disk'), {
      name: 'disk',
      series: [
        { label: 'read', format: (v) => bytes(v, '/s') },
        { label: 'write', format: (v) => bytes(v, '/s') },
      ],
      ...RATE,
    }),
    network: timeChart(document.getElementById('chart-network'), {
      name: 'network',
      series: [
        { label: 'receive', format: (v) => bytes(v, '/s') },
        { label: 'transmit', format: (v) => bytes(v, '/s') },
      ],
      ...RATE,
    }),
  };

  const handlers = {
    'host.cpu.usage.ratio': (s) => {
      charts.cpu.append(0, s.at, s.value * 100);
      text('cpu-value', percent(s.value));
    },
    'jvm.cpu.process.ratio': (s) => {
      if ((s.labels.target || 'self') === 'self') {
        charts.cpu.append(1, s.at, s.value * 100);
      }
    },
    'host.cpu.cores': () => cpuSub(),
    'host.load.1m': () => cpuSub(),
    'host.memory.used.ratio': (s) => {
      charts.memory.append(0, s.at, s.value * 100);
      text('memory-value', percent(s.value));
    },
    'host.memory.used.bytes': () => memorySub(),
    'host.memory.total.bytes': () => memorySub(),
    'host.swap.used.ratio': (s) => charts.memory.append(1, s.at, s.value * 100),
    'host.disk.used.ratio': () => diskHeadline(),
    'host.disk.read.bytes.rate': (s) => {
      charts.disk.append(0, s.at, sumAt(s.name, s.at));
      diskSub(s.at);
    },
    'host.disk.write.bytes.rate': (s) => {
      charts.disk.append(1, s.at, sumAt(s.name, s.at));
      diskSub(s.at);
    },
    'host.network.receive.bytes.rate': (s) => {
      charts.network.append(0, s.at, sumAt(s.name, s.at));
      networkHeadline(s.at);
    },
    'host.network.transmit.bytes.rate': (s) => {
      charts.network.append(1, s.at, sumAt(s.name, s.at));
      networkHeadline(s.at);
    },
    'collector.up': () => integrations(),
    'health.up': () => integrations(),
  };

  on('collectors', (views) => {
    collectorViews = views;
    integrations();
  });

  on('samples', (samples) => {
    for (const s of samples) {
      const handle = handlers[s.name];
      if (handle) {
        remember(s);
        handle(s);
      }
    }
  });
}

function cpuSub() {
  const cores = value('host.cpu.cores');
  const load = value('host.load.1m');
  const parts = [];
  if (Number.isFinite(cores)) {
    parts.push(count(cores) + ' cores');
  }
  if (Number.isFinite(load)) {
    parts.push('load ' + load.toFixed(2));
  }
  text('cpu-sub', parts.join(' · '));
}

function memorySub() {
  const used = value('host.memory.used.bytes');
  const total = value('host.memory.total.bytes');
  text('memory-sub', Number.isFinite(used) && Number.isFinite(total) ? bytes(used) + ' of ' + bytes(total) : '');
}

function diskHeadline() {
  let fullest = null;
  for (const e of (latest.get('host.disk.used.ratio') || new Map()).values()) {
    if (fullest === null || e.value > fullest.value) {
      fullest = e;
    }
  }
  if (fullest !== null) {
    text('disk-value', percent(fullest.value));
    document.getElementById('disk-value').title = 'the fullest file system: ' + (fullest.labels.mount || '?');
  }
}

function diskSub(at) {
  const read = sumAt('host.disk.read.bytes.rate', at);
  const write = sumAt('host.disk.write.bytes.rate', at);
  text('disk-sub', 'read ' + bytes(read, '/s') + ' · write ' + bytes(write, '/s'));
  if (!latest.has('host.disk.used.ratio')) {
    text('disk-value', bytes(read + write, '/s'));
  }
}

function networkHeadline(at) {
  const rx = sumAt('host.network.receive.bytes.rate', at);
  const tx = sumAt('host.network.transmit.bytes.rate', at);
  text('network-value', '↓ ' + bytes(rx, '/s'));
  text('network-sub', '↑ ' + bytes(tx, '/s'));
}

/** Whether a health URL's last answer was 2xx (true when it has not been checked). */
function answered(name) {
  if (!name.startsWith('health:')) {
    return true;
  }
  const up = value('health.up', { target: name.substring('health:'.length) });
  return !Number.isFinite(up) || up >= 1;
}

/**
 * Every collector but the host's and the service's own JVM, healthy when up (and, for a URL, answering 2xx): from
 * the service's collector views when it sends them, else from the collector.up samples.
 */
function integrations() {
  const rows = [];
  if (collectorViews !== null) {
    for (const c of collectorViews) {
      if (c.name !== 'host' && c.name !== 'jvm') {
        const healthy = c.state === 'up' && answered(c.name);
        rows.push({ name: c.name, healthy, why: c.state === 'up' ? '' : c.error || c.state });
      }
    }
  } else {
    for (const e of (latest.get('collector.up') || new Map()).values()) {
      const name = e.labels.collector || '?';
      if (name !== 'host' && name !== 'jvm') {
        rows.push({ name, healthy: e.value >= 1 && answered(name), why: '' });
      }
    }
  }
  rows.sort((a, b) => Number(a.healthy) - Number(b.healthy) || a.name.localeCompare(b.name));
  const good = rows.filter((r) => r.healthy).length;
  document.getElementById('integrations-empty').hidden = rows.length > 0;
  text('integrations-value', good + '/' + rows.length);
  render(document.getElementById('integrations-list'), JSON.stringify(rows), () =>
    rows.map((r) =>
      el(
        'li',
        { data: { state: r.healthy ? 'up' : 'down' } },
        el('span', { class: 'badge', data: { status: r.healthy ? 'healthy' : 'critical' } }, r.healthy ? 'up' : 'down'),
        el('span', { class: 'name' }, r.name),
        r.why ? el('span', { class: 'detail' }, r.why) : null,
      ),
    ),
  );
}
