// Live time-series charts on uPlot: one x array (seconds, with the milliseconds as a fraction) shared by the chart's series, values appended as samples
// arrive (a sample for a time already on the chart fills its slot; one that arrives late is inserted in order),
// an hour kept, redrawn at most once per animation frame, resized with its container.

/** Series colours: the first is the blue every Pacer chart draws its first series in. */
export const COLORS = ['#2563eb', '#c026d3', '#15803d', '#c2410c'];

const WINDOW_SECONDS = 3600;
const MAX_POINTS = 3600;

/** Every chart by name, for a person (or a test) looking at the page from the console. */
const registry = {};
window.pacerDashboard = Object.assign(window.pacerDashboard || {}, { charts: registry });

/** A y range from 0 (or the data's minimum, when negative) to a little above the maximum. */
export function fromZero(u, min, max) {
  const top = max > 0 ? max * 1.1 : 1;
  return [Math.min(0, min), top];
}

/**
 * @param container the element the chart fills
 * @param options.name the chart's name in window.pacerDashboard.charts
 * @param options.series [{label, format(value) → text, dash: [on, off] for a dashed line}]
 * @param options.yFormat axis tick text
 * @param options.yRange [min, max] or a function (u, min, max) → [min, max]; default fromZero
 * @param options.height CSS pixels
 * @param options.compact no legend (a sparkline)
 */
export function timeChart(container, options) {
  const { name, series, yFormat = (v) => String(v), yRange = fromZero, height = 170, compact = false } = options;
  const xs = [];
  const ys = series.map(() => []);
  let plot = null;
  let scheduled = false;

  const config = {
    width: Math.max(container.clientWidth, 200),
    height,
    legend: { show: !compact, live: true },
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    scales: { x: { time: true }, y: { range: yRange } },
    series: [
      { value: (u, v) => (v == null ? '–' : new Date(v * 1000).toLocaleTimeString()) },
      ...series.map((s, i) => ({
        label: s.label,
        stroke: COLORS[i % COLORS.length],
        width: 2,
        dash: s.dash,
        spanGaps: true,
        // uPlot's default: points drawn while they are sparse (so a lone first value shows), hidden when dense
        value: (u, v) => (v == null ? '–' : s.format(v)),
      })),
    ],
    axes: [
      { stroke: '#374151', grid: { stroke: '#e5e7eb' }, ticks: { stroke: '#d1d5db' }, size: compact ? 30 : 50 },
      {
        stroke: '#374151',
        grid: { stroke: '#e5e7eb' },
        ticks: { stroke: '#d1d5db' },
        size: compact ? 36 : 76,
        values: (u, splits) => splits.map(yFormat),
      },
    ],
  };

  function slot(t) {
    const last = xs.length - 1;
    if (last >= 0 && xs[last] === t) {
      return last;
    }
    if (last < 0 || xs[last] < t) {
      xs.push(t);
      ys.forEach((a) => a.push(null));
      return xs.length - 1;
    }
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (xs[lo] !== t) {
      xs.splice(lo, 0, t);
      ys.forEach((a) => a.splice(lo, 0, null));
    }
    return lo;
  }

  function trim() {
    const oldest = xs[xs.length - 1] - WINDOW_SECONDS;
    let drop = 0;
    while (drop < xs.length && (xs[drop] < oldest || xs.length - drop > MAX_POINTS)) {
      drop++;
    }
    if (drop > 0) {
      xs.splice(0, drop);
      ys.forEach((a) => a.splice(0, drop));
    }
  }

  function draw() {
    scheduled = false;
    const data = [xs, ...ys];
    if (plot === null) {
      plot = new uPlot(config, data, container);
      registry[name] = plot;
    } else {
      plot.setData(data);
    }
    if (xs.length > 0 && xs[xs.length - 1] === xs[0]) {
      // one instant still gets a minute of axis, not uPlot's default span of years
      plot.setScale('x', { min: xs[0] - 30, max: xs[0] + 30 });
    }
    container.dataset.points = String(xs.length);
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(draw);
    }
  }

  new ResizeObserver(() => {
    if (plot !== null) {
      const width = Math.max(container.clientWidth, 200);
      if (width !== plot.width) {
        plot.setSize({ width, height });
      }
    }
  }).observe(container);

  schedule();
  return {
    /** Sets series i's value at time atMillis. */
    append(i, atMillis, value) {
      if (!Number.isFinite(atMillis) || !Number.isFinite(value)) {
        return;
      }
      ys[i][slot(atMillis / 1000)] = value;
      trim();
      schedule();
    },
    /** The latest value of series i at or before now, and the value about `seconds` earlier. */
    change(i, seconds) {
      let latest = null;
      let earlier = null;
      for (let k = xs.length - 1; k >= 0; k--) {
        if (ys[i][k] == null) {
          continue;
        }
        if (latest === null) {
          latest = { t: xs[k], v: ys[i][k] };
        } else if (latest.t - xs[k] <= seconds) {
          earlier = { t: xs[k], v: ys[i][k] };
        } else {
          break;
        }
      }
      return latest && earlier ? { delta: latest.v - earlier.v, seconds: latest.t - earlier.t } : null;
    },
  };
}
