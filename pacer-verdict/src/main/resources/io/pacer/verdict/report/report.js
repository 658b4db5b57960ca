/* Pacer report charts: reads the JSON in #pacer-data and draws each [data-chart] with uPlot. No network. */
(function () {
  'use strict';
  var pacerData = JSON.parse(document.getElementById('pacer-data').textContent);
  var runs = pacerData.runs;
  var HEIGHT = 250;
  var C = {
    blue: '#2563eb', orange: '#ea580c', red: '#dc2626', green: '#16a34a',
    gray: '#6b7280', purple: '#7c3aed', teal: '#0d9488', pink: '#db2777'
  };
  var PALETTE = [C.blue, C.orange, C.green, C.purple, C.pink, C.teal, C.gray];
  var AXIS = { stroke: '#374151', grid: { stroke: '#eef0f3', width: 1 }, ticks: { stroke: '#d1d5db', width: 1 } };
  var charts = [];

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function clock(s) {
    s = Math.round(s);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), x = s % 60;
    return h > 0 ? h + ':' + pad(m) + ':' + pad(x) : m + ':' + pad(x);
  }
  function num(v) {
    if (v == null || !isFinite(v)) { return '–'; }
    var a = Math.abs(v);
    if (a >= 100) { return Math.round(v).toLocaleString('en-US'); }
    return String(+v.toPrecision(3));
  }
  function ms(v) { return v == null ? '–' : num(v) + ' ms'; }
  function perSecond(v) { return v == null ? '–' : num(v) + '/s'; }
  function percentile(x) {
    if (x == null) { return '–'; }
    if (x <= 1) { return '0%'; }
    var digits = Math.max(0, Math.ceil(Math.log10(x) - 1e-9) - 2);
    return (100 * (1 - 1 / x)).toFixed(digits) + '%';
  }
  function axis(extra) {
    var a = { stroke: AXIS.stroke, grid: AXIS.grid, ticks: AXIS.ticks, font: '11px system-ui, sans-serif' };
    for (var k in extra) { if (Object.prototype.hasOwnProperty.call(extra, k)) { a[k] = extra[k]; } }
    return a;
  }
  function line(label, color, extra) {
    var s = { label: label, stroke: color, width: 1.5, points: { show: false } };
    for (var k in extra) { if (Object.prototype.hasOwnProperty.call(extra, k)) { s[k] = extra[k]; } }
    return s;
  }
  function maxOf(values) {
    var m = 0;
    for (var i = 0; i < values.length; i++) { if (values[i] != null && values[i] > m) { m = values[i]; } }
    return m;
  }
  function median(values) {
    var v = values.filter(function (x) { return x != null && x > 0; }).sort(function (a, b) { return a - b; });
    return v.length ? v[Math.floor(v.length / 2)] : 0;
  }
  /** Latency over time spans decades when something stalled: then a log axis keeps the median readable. */
  function wantsLog(all, typical) { return typical > 0 && maxOf(all) / typical > 30; }
  function positive(values) { return values.map(function (v) { return v != null && v > 0 ? v : null; }); }

  function warmupShade(end) {
    return {
      hooks: {
        drawClear: [function (u) {
          if (!(end > 0) || u.scales.x.min == null || end <= u.scales.x.min) { return; }
          var x0 = u.valToPos(u.scales.x.min, 'x', true);
          var x1 = u.valToPos(Math.min(end, u.scales.x.max), 'x', true);
          var ctx = u.ctx;
          ctx.save();
          ctx.fillStyle = 'rgba(107,114,128,0.10)';
          ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
          ctx.fillStyle = C.gray;
          ctx.font = Math.round(11 * uPlot.pxRatio) + 'px system-ui, sans-serif';
          ctx.fillText('warm-up', x0 + 4 * uPlot.pxRatio, u.bbox.top + 13 * uPlot.pxRatio);
          ctx.restore();
        }]
      }
    };
  }

  function markers(list) {
    return {
      hooks: {
        draw: [function (u) {
          var ctx = u.ctx;
          list.forEach(function (m) {
            if (m.at == null || m.at < u.scales.x.min || m.at > u.scales.x.max) { return; }
            var x = Math.round(u.valToPos(m.at, 'x', true));
            ctx.save();
            ctx.strokeStyle = m.color;
            ctx.lineWidth = 1.5 * uPlot.pxRatio;
            ctx.setLineDash(m.dash || []);
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.fillStyle = m.color;
            ctx.font = 'bold ' + Math.round(11 * uPlot.pxRatio) + 'px system-ui, sans-serif';
            var right = x > u.bbox.left + u.bbox.width * 0.7;
            ctx.textAlign = right ? 'right' : 'left';
            ctx.fillText(m.label, x + (right ? -4 : 4) * uPlot.pxRatio, u.bbox.top + (m.row || 1) * 13 * uPlot.pxRatio);
            ctx.restore();
          });
        }]
      }
    };
  }

  function decades(u, i, min, max) {
    var s = [];
    for (var v = Math.pow(10, Math.floor(Math.log10(min))); v <= max * 1.0001; v *= 10) { if (v >= min * 0.9999) { s.push(v); } }
    return s;
  }
  /** Elapsed time as the run's length suits: seconds for a short run, m:ss, then h:mm:ss. */
  function timeAxis(run) {
    var t = run ? run.time.t : [];
    var span = t.length ? t[t.length - 1] : 0;
    var seconds = span < 120;
    return axis({
      label: seconds ? 'elapsed, s' : span >= 3600 ? 'elapsed, h:mm:ss' : 'elapsed, m:ss', labelSize: 20,
      values: function (u, splits) { return splits.map(function (v) { return seconds ? num(v) : clock(v); }); }
    });
  }

  function throughput(run) {
    var t = run.time;
    var series = [{ label: 'time', value: function (u, v) { return v == null ? '–' : clock(v); } },
      line('completed', C.blue, { fill: 'rgba(37,99,235,0.07)', value: function (u, v) { return perSecond(v); } })];
    var data = [t.t, t.ops];
    if (t.target) {
      series.push(line('target', C.gray, { dash: [6, 4], width: 1, value: function (u, v) { return perSecond(v); } }));
      data.push(t.target);
    }
    if (maxOf(t.failed) > 0) {
      series.push(line('failed', C.red, { value: function (u, v) { return perSecond(v); } }));
      data.push(t.failed);
    }
    return {
      opts: {
        scales: { x: { time: false }, y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; } } },
        axes: [timeAxis(run), axis({ label: 'operations/s', size: 60, values: function (u, s) { return s.map(num); } })],
        series: series, plugins: [warmupShade(t.warmupEnd)]
      },
      data: data
    };
  }

  function latency(run) {
    var t = run.time;
    var log = wantsLog(t.max, median(t.p50));
    var shape = log ? positive : function (v) { return v; };
    var value = function (u, v) { return ms(v); };
    return {
      opts: {
        scales: { x: { time: false }, y: log ? { distr: 3, log: 10 } : { range: function (u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; } } },
        axes: [timeAxis(run), axis(log ? { label: 'ms (log scale)', size: 60, splits: decades, values: function (u, s) { return s.map(num); } }
          : { label: 'ms', size: 60, values: function (u, s) { return s.map(num); } })],
        series: [{ label: 'time', value: function (u, v) { return v == null ? '–' : clock(v); } },
          line('p50', C.blue, { value: value }),
          line('p99', C.orange, { value: value }),
          line('max', C.red, { width: 1, dash: [3, 3], value: value })],
        plugins: [warmupShade(t.warmupEnd)]
      },
      data: [t.t, shape(t.p50), shape(t.p99), shape(t.max)]
    };
  }

  function percentileAxes() {
    return {
      scales: {
        x: {
          time: false, distr: 3, log: 10,
          range: function (u, min, max) { return [1, Math.max(max, 10)]; }
        },
        y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; } }
      },
      axes: [
        axis({ label: 'percentile (log scale of 1 / (1 − p))', labelSize: 20, splits: decades,
          values: function (u, splits) { return splits.map(percentile); } }),
        axis({ label: 'ms', size: 60, values: function (u, s) { return s.map(num); } })
      ]
    };
  }

  function curves(list, names) {
    var tables = list.map(function (c) { return [c.x, c.y]; });
    var joined = tables.length === 1 ? tables[0] : uPlot.join(tables);
    var series = [{ label: 'percentile', value: function (u, v) { return percentile(v); } }];
    list.forEach(function (c, i) {
      series.push(line(names ? names[i] : c.name, PALETTE[i % PALETTE.length], {
        spanGaps: true, value: function (u, v) { return ms(v); }
      }));
    });
    var opts = percentileAxes();
    opts.series = series;
    return { opts: opts, data: joined };
  }

  function capacity(run) {
    var c = run.capacity;
    var log = wantsLog(c.p99, Math.min.apply(null, c.p50.filter(function (v) { return v > 0; }).concat([Infinity])));
    var shape = log ? positive : function (v) { return v; };
    var failedP99 = shape(c.p99.map(function (v, i) { return c.passed[i] ? null : v; }));
    var value = function (u, v) { return ms(v); };
    return {
      opts: {
        scales: { x: { time: false },
          ms: log ? { distr: 3, log: 10 } : { range: function (u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; } },
          ops: { range: function (u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; } } },
        axes: [
          axis({ label: 'offered rate, operations/s', values: function (u, s) { return s.map(num); } }),
          axis(log ? { scale: 'ms', label: 'latency, ms (log scale)', size: 60, splits: decades,
            values: function (u, s) { return s.map(num); } }
            : { scale: 'ms', label: 'latency, ms', size: 60, values: function (u, s) { return s.map(num); } }),
          axis({ scale: 'ops', side: 1, label: 'throughput/s', size: 60, grid: { show: false },
            values: function (u, s) { return s.map(num); } })
        ],
        series: [{ label: 'offered', value: function (u, v) { return perSecond(v); } },
          line('p50', C.blue, { scale: 'ms', points: { show: true, size: 5 }, value: value }),
          line('p99', C.orange, { scale: 'ms', points: { show: true, size: 5 }, value: value }),
          line('throughput', C.green, { scale: 'ops', dash: [5, 3], points: { show: true, size: 4 },
            value: function (u, v) { return perSecond(v); } }),
          { label: 'gate failed', scale: 'ms', stroke: C.red, fill: C.red, width: 0,
            paths: function () { return null; }, points: { show: true, size: 9, stroke: C.red, fill: C.red },
            value: value }],
        plugins: [markers([
          { at: c.capacity > 0 ? c.capacity : null, label: 'capacity ' + num(c.capacity) + '/s', color: C.green },
          { at: c.knee, label: 'knee ' + num(c.knee) + '/s', color: C.purple, dash: [5, 4], row: 2 }])]
      },
      data: [c.rate, shape(c.p50), shape(c.p99), c.throughput, failedP99]
    };
  }

  function pairTimes(kind, before, after) {
    var b = before.time, a = after.time;
    var pick = kind === 'cmp-throughput' ? 'ops' : 'p99';
    var format = kind === 'cmp-throughput' ? perSecond : ms;
    return {
      opts: {
        scales: { x: { time: false }, y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; } } },
        axes: [timeAxis(before), axis({ label: kind === 'cmp-throughput' ? 'operations/s' : 'p99, ms', size: 60,
          values: function (u, s) { return s.map(num); } })],
        series: [{ label: 'time', value: function (u, v) { return v == null ? '–' : clock(v); } },
          line('before', C.gray, { spanGaps: true, value: function (u, v) { return format(v); } }),
          line('after', C.blue, { spanGaps: true, value: function (u, v) { return format(v); } })]
      },
      data: uPlot.join([[b.t, b[pick]], [a.t, a[pick]]])
    };
  }

  /** A tune run: every candidate as a point (p99 against records/s), the Pareto front joined, the target marked. */
  function pareto(tune) {
    var pts = tune.points.slice().sort(function (a, b) { return a.p99 - b.p99; });
    var x = pts.map(function (p) { return p.p99; });
    function only(test) { return pts.map(function (p) { return test(p) ? p.rps : null; }); }
    function dots(label, color, size) {
      return { label: label, stroke: color, fill: color, width: 0, paths: function () { return null; },
        points: { show: true, size: size, stroke: color, fill: color }, value: function (u, v) { return perSecond(v); } };
    }
    return {
      opts: {
        scales: { x: { time: false, range: function (u, min, max) { return [0, Math.max(max, tune.target) * 1.1]; } },
          y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; } } },
        axes: [axis({ label: 'p99 send-to-ack latency, ms', labelSize: 20, values: function (u, s) { return s.map(num); } }),
          axis({ label: 'records/s', size: 70, values: function (u, s) { return s.map(num); } })],
        series: [{ label: 'p99', value: function (u, v) { return ms(v); } },
          dots('candidate', C.gray, 6),
          line('Pareto front', C.blue, { spanGaps: true, points: { show: true, size: 7, fill: C.blue }, value: function (u, v) { return perSecond(v); } }),
          dots("Kafka's defaults", C.orange, 10),
          dots('winner', C.green, 11)],
        plugins: [markers([{ at: tune.target, label: 'target p99 ' + num(tune.target) + ' ms', color: C.red, dash: [5, 4] }])]
      },
      data: [x, only(function () { return true; }), only(function (p) { return p.front; }),
        only(function (p) { return p.defaults; }), only(function (p) { return p.winner; })]
    };
  }

  function build(el) {
    var kind = el.getAttribute('data-chart');
    if (kind.indexOf('cmp-') === 0) {
      var before = runs[+el.getAttribute('data-before')], after = runs[+el.getAttribute('data-after')];
      if (kind === 'cmp-percentiles') {
        var chart = curves([before.dist[0], after.dist[0]], ['before', 'after']);
        chart.opts.series[1].stroke = C.gray;
        chart.opts.series[2].stroke = C.blue;
        return chart;
      }
      return pairTimes(kind, before, after);
    }
    if (kind === 'pareto') { return pareto(pacerData.tune); }
    var run = runs[+el.getAttribute('data-scenario')];
    switch (kind) {
      case 'throughput': return throughput(run);
      case 'latency': return latency(run);
      case 'percentiles': return curves(run.dist);
      case 'capacity': return capacity(run);
      default: throw new Error('unknown chart kind ' + kind);
    }
  }

  function hasPoints(data) {
    for (var i = 1; i < data.length; i++) {
      for (var j = 0; j < data[i].length; j++) { if (data[i][j] != null) { return true; } }
    }
    return false;
  }

  function draw() {
    var nodes = document.querySelectorAll('[data-chart]');
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var chart = build(el);
      chart.opts.width = el.clientWidth;
      chart.opts.height = HEIGHT;
      chart.opts.legend = { live: true };
      chart.opts.cursor = { drag: { x: true, y: false } };
      chart.opts.padding = [12, 28, 0, 0];
      charts.push({ el: el, plot: new uPlot(chart.opts, chart.data, el) });
      if (!hasPoints(chart.data)) { el.classList.add('empty'); }
    }
    window.pacerCharts = charts.length;
  }

  var resizing = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      charts.forEach(function (c) { c.plot.setSize({ width: c.el.clientWidth, height: HEIGHT }); });
    }, 100);
  });

  var started = performance.now();
  draw();
  window.pacerDrawMillis = performance.now() - started;
})();
