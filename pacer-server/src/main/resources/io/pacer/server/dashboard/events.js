// The one module that knows the service's wire formats: the REST calls the dashboard makes (GET /api/…,
// POST/DELETE /api/session), the server-sent events of GET /api/events, and what their JSON looks like. It is
// tolerant on purpose — field names the service may spell two ways are both read, numbers may be strings, instants
// ISO text or epoch milliseconds — and hands the panels one normalised shape per event type:
//
//   samples  [{name, labels, at (ms), value}]          from `sample` events ({…} or {"samples":[…]}) and history
//   health   {score, status, at, components:[{name, score}], deductions:[{component, points, reason}]}
//   collectors [{name, state, error}]                   from health events that carry the collectors
//   alert    {key, rule, state, severity, series, value, at}   state "inactive" (resolved) removes it
//   alerts   [alert…]                                   the whole current list (GET /api/alerts)
//   lag      {group, status, totalLag, lagSeconds, reason, cluster}
//   lags     [lag…]                                     (GET /api/lag)
//   run      {id, name, verdict, at, report, operationsPerSecond, p99Micros, scenarios, scenariosPassed}
//   runs     [run…]                                     (GET /api/runs)
//   connection "live" | "reconnecting" | "offline"
//   update   the time (ms) an event arrived on the stream
//   session  {user, role, via}                          who is signed in (GET or POST /api/session)
//   unauthorized {detail}                               any call answered 401: show the sign-in form

const listeners = new Map();

/** Calls fn(payload) for every event of this type. */
export function on(type, fn) {
  if (!listeners.has(type)) {
    listeners.set(type, []);
  }
  listeners.get(type).push(fn);
}

export function emit(type, payload) {
  for (const fn of listeners.get(type) || []) {
    try {
      fn(payload);
    } catch (e) {
      // one panel's bug must not stop the others from updating; it is still reported
      console.error('dashboard: the ' + type + ' handler failed', e);
    }
  }
}

/** A call the service answered 401 to. */
export class Unauthorized extends Error {}

/** The session's CSRF token: kept in memory only (after a reload GET /api/session hands it out again). */
let csrf = null;

/** Fetches JSON from the service; a 401 emits `unauthorized` and throws Unauthorized. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const signingIn = method === 'POST' && path === '/api/session';
  if (method !== 'GET' && !signingIn) {
    // a change made with the session cookie carries the session's token (none is needed without a session)
    if (csrf === null) {
      await session();
    }
    if (csrf) {
      headers['X-CSRF-Token'] = csrf;
    }
  }
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    const detail = await problemDetail(response);
    emit('unauthorized', { detail });
    throw new Unauthorized(detail);
  }
  if (!response.ok) {
    throw new Error(method + ' ' + path + ': ' + response.status + ' ' + (await problemDetail(response)));
  }
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

async function problemDetail(response) {
  try {
    const problem = await response.json();
    return problem.detail || problem.title || String(response.status);
  } catch (e) {
    return String(response.status);
  }
}

function keep(answer) {
  const token = answer && (answer.csrfToken || answer.csrf);
  csrf = token ? String(token) : '';
  return {
    user: answer && answer.user ? String(answer.user) : '',
    role: answer && answer.role ? String(answer.role) : '',
    via: answer && answer.via ? String(answer.via) : '',
  };
}

/**
 * Who is signed in (GET /api/session: {user, role, via, csrfToken}); keeps the CSRF token. Emits `session`. A 401
 * emits `unauthorized` as any call does.
 */
export async function session() {
  const who = keep(await api('/api/session'));
  emit('session', who);
  return who;
}

/** Signs in: POST /api/session with {user, password} or {key}; keeps the CSRF token it answers with. */
export async function signIn(credentials) {
  const who = keep(await api('/api/session', { method: 'POST', body: credentials }));
  emit('session', who);
  return who;
}

/** Signs out: DELETE /api/session, with the CSRF token. */
export async function signOut() {
  try {
    await api('/api/session', { method: 'DELETE' });
  } finally {
    csrf = null;
  }
}

// ---- normalising -------------------------------------------------------------------------------------------

/** ISO-8601 with any number of fraction digits (Java writes up to nine; Date.parse may drop more than three). */
const ISO = /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)?$/;

export function toMillis(x) {
  if (typeof x === 'number') {
    return x < 1e11 ? x * 1000 : x; // epoch seconds or milliseconds
  }
  if (typeof x === 'string' && x !== '') {
    const n = Number(x);
    if (Number.isFinite(n)) {
      return toMillis(n);
    }
    const iso = ISO.exec(x);
    if (iso) {
      const fraction = iso[2] ? Number('0.' + iso[2]) * 1000 : 0;
      return Date.parse(iso[1] + (iso[3] || 'Z')) + fraction;
    }
    return Date.parse(x);
  }
  return NaN;
}

function number(x) {
  if (x === null || x === undefined || x === '') {
    return NaN;
  }
  return Number(x);
}

function first(o, ...keys) {
  for (const k of keys) {
    if (o[k] !== undefined && o[k] !== null) {
      return o[k];
    }
  }
  return undefined;
}

export function toSample(raw) {
  if (!raw || typeof raw !== 'object') {
    return null;
  }
  const series = raw.series && typeof raw.series === 'object' ? raw.series : raw;
  const name = first(series, 'name', 'metric');
  const at = toMillis(first(raw, 'at', 'timestamp', 'time', 't'));
  const value = number(first(raw, 'value', 'v'));
  if (typeof name !== 'string' || !Number.isFinite(at) || !Number.isFinite(value)) {
    return null;
  }
  return { name, labels: series.labels || {}, at, value };
}

function listOf(body, ...keys) {
  if (Array.isArray(body)) {
    return body;
  }
  if (body && typeof body === 'object') {
    for (const k of keys) {
      if (Array.isArray(body[k])) {
        return body[k];
      }
    }
  }
  return [];
}

export function samplesOf(data) {
  const raw = Array.isArray(data) ? data : Array.isArray(data && data.samples) ? data.samples : [data];
  return raw.map(toSample).filter((s) => s !== null);
}

function pointOf(p) {
  if (Array.isArray(p)) {
    return [toMillis(p[0]), number(p[1])];
  }
  let value = number(first(p, 'value', 'avg', 'v'));
  if (!Number.isFinite(value) && Number.isFinite(number(p.sum)) && number(p.count) > 0) {
    value = number(p.sum) / number(p.count);
  }
  if (!Number.isFinite(value)) {
    value = number(p.last);
  }
  return [toMillis(first(p, 'at', 'timestamp', 'time', 't', 'start')), value];
}

/** The samples of a GET /api/performance/metrics answer: series with points, oldest first. */
export function historySamples(body) {
  const out = [];
  for (const s of listOf(body, 'series', 'metrics', 'data')) {
    const points = listOf(s.points || s.values || s.data);
    for (const p of points) {
      const [at, value] = pointOf(p);
      if (typeof s.name === 'string' && Number.isFinite(at) && Number.isFinite(value)) {
        out.push({ name: s.name, labels: s.labels || {}, at, value });
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

export function seriesText(series) {
  if (typeof series === 'string') {
    return series;
  }
  if (!series || typeof series !== 'object') {
    return '';
  }
  const labels = Object.entries(series.labels || {}).map(([k, v]) => k + '="' + v + '"');
  return (series.name || '') + (labels.length ? '{' + labels.join(',') + '}' : '');
}

export function toAlert(raw) {
  const rule = first(raw, 'rule', 'name') || 'alert';
  const series = seriesText(raw.series);
  return {
    key: rule + ' ' + series,
    rule,
    series,
    // GET /api/alerts and health.alerts say `state`; an alert event is a transition and says `to`
    state: String(first(raw, 'state', 'to', 'status') || 'firing').toLowerCase(),
    severity: String(raw.severity || 'warning').toLowerCase(),
    value: number(raw.value),
    threshold: number(raw.threshold),
    at: toMillis(first(raw, 'at', 'firingSince', 'since', 'timestamp')),
    action: raw.action || '',
  };
}

export function toHealth(raw) {
  const components = listOf(raw.components).map((c) => ({
    name: String(first(c, 'component', 'name') || '?'),
    score: number(c.score),
  }));
  const at = toMillis(first(raw, 'at', 'timestamp'));
  // why the score is not 100: each component's deductions (HealthScore explains every point it takes)
  const deductions = listOf(raw.components)
    .flatMap((c) => listOf(c.deductions))
    .map((d) => ({ component: String(d.component || ''), points: number(d.points), reason: String(d.reason || '') }))
    .filter((d) => Number.isFinite(d.points) && d.points > 0)
    .sort((a, b) => b.points - a.points);
  return {
    score: number(first(raw, 'score', 'performance_score')),
    status: String(raw.status || ''),
    at: Number.isFinite(at) ? at : Date.now(),
    components,
    deductions,
  };
}

/** A collector as the service reports it (CollectorView): its name, up / down / starting, and why it is down. */
export function toCollector(raw) {
  return {
    name: String(first(raw, 'name', 'collector') || '?'),
    state: String(first(raw, 'state', 'status') || '').toLowerCase(),
    error: String(first(raw, 'lastError', 'error') || ''),
  };
}

/** A group's evaluation: pacer-monitor's LagResult ({group: {name, status, totalLag, …}, partitions}) or flat. */
export function toLag(raw) {
  const group = raw.group && typeof raw.group === 'object' ? raw.group : raw;
  const status = String(group.status || 'OK').toUpperCase();
  const worst = listOf(raw.partitions).find((p) => String(p.status).toUpperCase() === status && p.reason);
  return {
    group: String(first(group, 'name', 'group', 'groupId') || '?'),
    cluster: String(first(raw, 'cluster', 'bootstrap') || first(group, 'cluster') || ''),
    status,
    totalLag: number(first(group, 'totalLag', 'lag', 'records')),
    lagSeconds: number(first(group, 'maxLagSeconds', 'lagSeconds')),
    reason: worst ? String(worst.reason) : '',
    at: toMillis(first(raw, 'at', 'timestamp')),
  };
}

export function toRun(raw) {
  const id = String(first(raw, 'id', 'runId') || '');
  return {
    id,
    name: String(first(raw, 'name', 'scenario', 'suite') || id),
    verdict: String(first(raw, 'verdict', 'outcome', 'status') || '').toLowerCase(),
    at: toMillis(first(raw, 'at', 'uploadedAt', 'created', 'startedAt')),
    report: raw.reportUrl || raw.report || (id ? '/api/runs/' + encodeURIComponent(id) + '/report' : ''),
    operationsPerSecond: number(raw.operationsPerSecond),
    p99Micros: number(raw.p99Micros),
    scenarios: number(raw.scenarios),
    scenariosPassed: number(raw.scenariosPassed),
  };
}

// ---- loading and the stream --------------------------------------------------------------------------------

/** Series about the service's own machine and JVM: on a store several instances share, each stores its own. */
const OWN = /^(host|jvm)\./;

/**
 * The labels that pick this instance's own series from a store other instances share ({instance: name}), or {} when
 * the store is its own (GET /health says which, under components.alertEvaluator.facts).
 */
export async function ownLabels() {
  try {
    const response = await fetch('/health', { headers: { Accept: 'application/json' } });
    const facts = ((((await response.json()) || {}).components || {}).alertEvaluator || {}).facts || {};
    return facts.sharedStore && facts.instance ? { instance: String(facts.instance) } : {};
  } catch (e) {
    console.warn('dashboard: which instance this is is unknown: ' + e.message);
    return {};
  }
}

/**
 * The last hour of each named series, emitted as `samples`; a name the service does not know yields nothing. Own
 * series (host, JVM) are asked for with `own`'s labels, which are then dropped, so the history continues the live
 * samples of the same series.
 */
export async function loadHistory(names, own = {}) {
  const ownQuery = Object.entries(own)
    .map(([k, v]) => '&label.' + encodeURIComponent(k) + '=' + encodeURIComponent(v))
    .join('');
  const answers = await Promise.all(
    names.map((name) =>
      api('/api/performance/metrics?hours=1&name=' + encodeURIComponent(name) + (OWN.test(name) ? ownQuery : '')).catch(
        (e) => {
          if (e instanceof Unauthorized) {
            throw e;
          }
          console.warn('dashboard: no history for ' + name + ': ' + e.message);
          return null;
        },
      ),
    ),
  );
  const samples = answers.flatMap((body) => (body ? historySamples(body) : []));
  for (const s of samples) {
    if (OWN.test(s.name)) {
      s.labels = Object.fromEntries(Object.entries(s.labels).filter(([k]) => !(k in own)));
    }
  }
  samples.sort((a, b) => a.at - b.at);
  if (samples.length) {
    emit('samples', samples);
  }
}

/** The current alerts, lag and runs. */
export async function loadState() {
  const load = (path) =>
    api(path).catch((e) => {
      if (e instanceof Unauthorized) {
        throw e;
      }
      console.warn('dashboard: ' + e.message);
      return null;
    });
  const [alerts, lag, runs] = await Promise.all([load('/api/alerts'), load('/api/lag'), load('/api/runs?limit=10')]);
  emit('alerts', listOf(alerts, 'alerts', 'active', 'items').map(toAlert));
  emit('lags', listOf(lag, 'groups', 'lag', 'items').map(toLag));
  emit('runs', listOf(runs, 'runs', 'items').map(toRun));
}

const STREAM = {
  sample: (data) => emit('samples', samplesOf(data)),
  health: (data) => {
    emit('health', toHealth(data));
    // the service's health event carries the active alerts and every collector: the panels resync from it
    if (Array.isArray(data.alerts)) {
      emit('alerts', data.alerts.map(toAlert));
    }
    if (Array.isArray(data.collectors)) {
      emit('collectors', data.collectors.map(toCollector));
    }
  },
  alert: (data) => emit('alert', toAlert(data)),
  lag: (data) => (Array.isArray(data.groups) ? data.groups : [data]).forEach((g) => emit('lag', toLag(g))),
  run: (data) => emit('run', toRun(data)),
  analysis: (data) => emit('analysis', data),
  action: (data) => emit('action', data),
};

let source = null;
let retryMillis = 1000;

/** Opens GET /api/events; EventSource reconnects by itself, and after a refusal this probes for a 401. */
export function connect() {
  disconnect();
  source = new EventSource('/api/events', { withCredentials: true });
  source.onopen = () => {
    retryMillis = 1000;
    emit('connection', 'live');
  };
  source.onerror = () => {
    if (source && source.readyState === EventSource.CLOSED) {
      emit('connection', 'offline');
      disconnect();
      // the stream was refused: find out whether for want of a session (401 shows the sign-in form)
      api('/api/alerts')
        .then(() => setTimeout(connect, retryMillis))
        .catch((e) => {
          if (!(e instanceof Unauthorized)) {
            setTimeout(connect, retryMillis);
          }
        });
      retryMillis = Math.min(retryMillis * 2, 30000);
    } else {
      emit('connection', 'reconnecting');
    }
  };
  for (const [type, handle] of Object.entries(STREAM)) {
    source.addEventListener(type, (event) => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch (e) {
        console.warn('dashboard: a ' + type + ' event that is not JSON was skipped: ' + String(event.data).slice(0, 80));
        return;
      }
      emit('update', Date.now());
      handle(data);
    });
  }
}

export function disconnect() {
  if (source) {
    source.close();
    source = null;
  }
}
