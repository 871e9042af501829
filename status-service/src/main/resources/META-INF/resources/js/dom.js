// Small helpers: elements built from text only (nothing from the API is ever parsed as HTML),
// and times shown as local time with their age.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export const $ = (id) => document.getElementById(id);

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** "4 s", "3 min", "2 h 5 min", "3 d". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const hours = Math.floor(m / 60);
  if (hours < 48) return m % 60 ? `${hours} h ${m % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

export function ageOf(iso, now = Date.now()) {
  return iso ? (now - Date.parse(iso)) / 1000 : null;
}

/** A <time> with the local time and its age, kept fresh by the page's ticker. */
export function when(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return h('time', { datetime: iso, dataset: { age: iso }, title: date.toISOString() },
    date.toLocaleString(), ' ', h('span', { class: 'age' }, `(${duration(ageOf(iso))} ago)`));
}

/** Re-renders every age shown (called once a second). */
export function tick(root = document) {
  const now = Date.now();
  for (const el of root.querySelectorAll('[data-age] .age')) {
    el.textContent = `(${duration(ageOf(el.parentElement.dataset.age, now))} ago)`;
  }
  for (const el of root.querySelectorAll('[data-since]')) {
    el.textContent = duration(ageOf(el.dataset.since, now));
  }
  for (const el of root.querySelectorAll('[data-evidence]')) {
    const [seconds, fetched] = el.dataset.evidence.split('@').map(Number);
    el.textContent = `${duration(seconds + (now - fetched) / 1000)} ago`;
  }
}

/** The status as a word (never only a colour). */
export function statusBadge(status) {
  return h('span', { class: `status status-${status}` }, status ?? 'unknown');
}
