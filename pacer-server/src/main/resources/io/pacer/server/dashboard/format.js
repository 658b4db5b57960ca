// Numbers as people read them, and a small DOM builder (text only: nothing here parses HTML, so nothing the service
// sends can inject markup or script).

export function percent(ratio, digits = 1) {
  return Number.isFinite(ratio) ? (ratio * 100).toFixed(digits) + '%' : '–';
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function bytes(n, suffix = '') {
  if (!Number.isFinite(n)) {
    return '–';
  }
  let i = 0;
  let v = Math.abs(n);
  while (v >= 1000 && i < BYTE_UNITS.length - 1) {
    v /= 1000;
    i++;
  }
  const digits = v >= 100 || (i === 0 && Number.isInteger(v)) ? 0 : 1;
  return (n < 0 ? '-' : '') + v.toFixed(digits) + ' ' + BYTE_UNITS[i] + suffix;
}

export function count(n) {
  if (!Number.isFinite(n)) {
    return '–';
  }
  const abs = Math.abs(n);
  if (abs >= 1e9) {
    return (n / 1e9).toFixed(1) + 'G';
  }
  if (abs >= 1e6) {
    return (n / 1e6).toFixed(1) + 'M';
  }
  if (abs >= 1e4) {
    return (n / 1e3).toFixed(1) + 'k';
  }
  return abs >= 100 || Number.isInteger(n) ? n.toFixed(0) : n.toFixed(1);
}

/** A duration given in microseconds. */
export function micros(us) {
  if (!Number.isFinite(us)) {
    return '–';
  }
  if (us >= 1e6) {
    return (us / 1e6).toFixed(2) + ' s';
  }
  if (us >= 1e3) {
    return (us / 1e3).toFixed(us >= 1e5 ? 0 : 1) + ' ms';
  }
  return us.toFixed(0) + ' µs';
}

export function ago(ms, now = Date.now()) {
  if (!Number.isFinite(ms)) {
    return '';
  }
  // no seconds: a list re-rendered (and announced) every second helps nobody
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) {
    return 'just now';
  }
  if (s < 3600) {
    return Math.round(s / 60) + ' min ago';
  }
  if (s < 86400) {
    return Math.round(s / 3600) + ' h ago';
  }
  return new Date(ms).toISOString().slice(0, 10);
}

/** A stable text key for a label set. */
export function labelKey(labels) {
  return Object.keys(labels || {})
    .sort()
    .map((k) => k + '=' + labels[k])
    .join(',');
}

/**
 * el('li', {class: 'x', data: {state: 'open'}, aria: {label: 'y'}}, 'text', child): attributes are set one by one
 * and children become text nodes or elements — never parsed as markup.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k === 'data' || k === 'aria') {
      for (const [dk, dv] of Object.entries(v)) {
        node.setAttribute(k + '-' + dk, String(dv));
      }
    } else if (k === 'class') {
      node.className = v;
    } else {
      node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children) {
    if (c !== null && c !== undefined && c !== false) {
      node.append(c instanceof Node ? c : String(c));
    }
  }
  return node;
}

export function text(id, value) {
  const node = document.getElementById(id);
  if (node && node.textContent !== value) {
    node.textContent = value;
  }
  return node;
}

const shown = new WeakMap();

/**
 * Replaces node's children with those of items() unless they would be the same as last time (compared by
 * signature), so that a list updated every second is neither rebuilt nor re-announced by a screen reader while nothing
 * changed, and a focused link in it keeps its focus. Returns whether it rendered.
 */
export function render(node, signature, items) {
  if (shown.get(node) === signature) {
    return false;
  }
  shown.set(node, signature);
  node.replaceChildren(...items().filter((n) => n !== null && n !== undefined));
  return true;
}
