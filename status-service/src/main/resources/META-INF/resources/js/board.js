// The board: counts per status (each a filter), the filters, and the claws newest first.
import { get, query, SignedOut } from './api.js';
import { $, h, clear, duration, when, statusBadge } from './dom.js';

export const STATUSES = ['provisioning', 'ready', 'running', 'recovering', 'offline', 'stalled',
  'model_timeout', 'tool_blocked', 'failed', 'workspace_incomplete', 'bootstrap_failed',
  'timed_out', 'cancelled', 'completed', 'removed'];

const PAGE_SIZE = 25;
const FILTERS = ['status', 'workflowRunId', 'runnerId', 'stuckMinutes'];

let filters = {};
let cursors = [null];
let loading = null;

export function initBoard(navigate) {
  const select = $('f-status');
  for (const status of STATUSES) select.append(h('option', { value: status }, status));
  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    navigate(boardHash(Object.fromEntries(FILTERS.map((name) => [name, form.get(name)]))));
  });
  $('f-clear').addEventListener('click', () => navigate(boardHash({})));
  $('page-next').addEventListener('click', () => {
    cursors.push($('page-next').dataset.cursor);
    refreshBoard();
  });
  $('page-first').addEventListener('click', () => {
    cursors = [null];
    refreshBoard();
  });
}

export function boardHash(values) {
  return `#/${query(Object.fromEntries(FILTERS.map((name) => [name, values[name] ?? ''])))}`;
}

/** Shows the board with the filters of the location's hash. */
export function showBoard(params) {
  filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) || '']));
  for (const [name, id] of [['status', 'f-status'], ['workflowRunId', 'f-workflow'],
    ['runnerId', 'f-runner'], ['stuckMinutes', 'f-stuck']]) {
    $(id).value = filters[name];
  }
  cursors = [null];
  return refreshBoard();
}

/** Reloads counts and the current page; calls that overlap run once more at the end. */
export async function refreshBoard() {
  if (loading) {
    loading.again = true;
    return loading.promise;
  }
  loading = { again: false };
  loading.promise = (async () => {
    try {
      do {
        loading.again = false;
        await load();
      } while (loading.again);
    } finally {
      loading = null;
    }
  })();
  return loading.promise;
}

async function load() {
  const cursor = cursors[cursors.length - 1];
  try {
    const [counts, page] = await Promise.all([
      get(`/api/claws/counts${query({ workflowRunId: filters.workflowRunId,
        runnerId: filters.runnerId, stuckMinutes: filters.stuckMinutes })}`),
      get(`/api/claws${query({ ...filters, limit: PAGE_SIZE, cursor })}`),
    ]);
    $('board-error').textContent = '';
    renderCounts(counts);
    renderRows(page.items);
    $('page-next').disabled = !page.nextCursor;
    $('page-next').dataset.cursor = page.nextCursor || '';
    $('page-first').disabled = cursors.length === 1;
    $('claws-caption').textContent = caption(page.items.length);
  } catch (error) {
    if (error instanceof SignedOut) throw error;
    $('board-error').textContent = `Could not load the claws: ${error.message}`;
  }
}

function caption(shown) {
  const parts = [];
  if (filters.status) parts.push(`status ${filters.status}`);
  if (filters.workflowRunId) parts.push(`workflow run ${filters.workflowRunId}`);
  if (filters.runnerId) parts.push(`runner ${filters.runnerId}`);
  if (filters.stuckMinutes) parts.push(`stuck longer than ${filters.stuckMinutes} min`);
  const page = cursors.length > 1 ? `, page ${cursors.length}` : '';
  return `${shown} claws, newest first${parts.length ? ` — ${parts.join(', ')}` : ''}${page}`;
}

function renderCounts({ counts, total }) {
  const list = clear($('counts'));
  const item = (label, status, count) => {
    const pressed = (filters.status || '') === status;
    const link = h('a', {
      href: boardHash({ ...filters, status }),
      'aria-current': pressed ? 'true' : null,
      class: `count status-${status || 'all'}`,
      dataset: { status: status || 'all' },
    }, h('span', { class: 'count-label' }, label), ' ', h('span', { class: 'count-n' }, count));
    list.append(h('li', {}, link));
  };
  item('all', '', total);
  for (const status of STATUSES) {
    if (counts[status]) item(status, status, counts[status]);
  }
}

function renderRows(items) {
  const body = clear($('claw-rows'));
  $('claws-empty').hidden = items.length > 0;
  const fetched = Date.now();
  for (const claw of items) {
    const attempt = claw.run ? `${claw.run.attempt} of ${claw.maxAttempts ?? '?'}` : '—';
    const evidence = claw.evidenceAgeSeconds === null || claw.evidenceAgeSeconds === undefined
      ? 'no evidence yet'
      : h('span', { dataset: { evidence: `${claw.evidenceAgeSeconds}@${fetched}` } },
        `${duration(claw.evidenceAgeSeconds)} ago`);
    body.append(h('tr', { dataset: { clawId: claw.clawId, status: claw.status } },
      h('td', { 'data-label': 'Claw' },
        h('a', { href: `#/claw/${claw.clawId}`, class: 'claw-link' }, claw.clawId.slice(0, 8)),
        h('div', { class: 'sub' }, claw.workflowRunId ?? '')),
      h('td', { 'data-label': 'Status', class: 'cell-status' }, statusBadge(claw.status)),
      h('td', { 'data-label': 'Reason', class: 'cell-reason' },
        claw.statusReason ? h('code', {}, claw.statusReason) : '',
        claw.statusMessage ? h('div', { class: 'message' }, claw.statusMessage) : ''),
      h('td', { 'data-label': 'Attempt', class: 'cell-attempt' }, attempt),
      h('td', { 'data-label': 'Runner', class: 'cell-runner' }, claw.run?.runnerId ?? '—'),
      h('td', { 'data-label': 'Connection', class: 'cell-connection' },
        h('span', { class: `conn conn-${claw.connection}` }, claw.connection), ', ', evidence),
      h('td', { 'data-label': 'In status for', class: 'cell-since' },
        h('span', { dataset: { since: claw.statusSince } }, duration(
          (Date.now() - Date.parse(claw.statusSince)) / 1000))),
      h('td', { 'data-label': 'Created' }, when(claw.createdAt))));
  }
}
