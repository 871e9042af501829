// One claw's page: the classified answer, the actions, and everything behind the answer.
import { get, post, del, problemText, SignedOut } from './api.js';
import { $, h, clear, duration, when, statusBadge } from './dom.js';

let current = null;
let loading = null;

export function initClaw(onSignedOut) {
  const act = (button, verb, run) => $(button).addEventListener('click', async () => {
    if (!current) return;
    const profile = $('retry-profile').value;
    // A larger run budget is offered for a timed-out claw only (the field is hidden otherwise).
    const seconds = $('retry-budget').hidden ? '' : $('retry-run-seconds').value.trim();
    const runSeconds = seconds === '' ? null : Number(seconds);
    let what = button === 'retry' && profile ? `${verb} on model profile ${profile}` : verb;
    if (button === 'retry' && runSeconds !== null) what += ` with runSeconds ${runSeconds}`;
    if (!(await confirmAction(`${what} claw ${current.slice(0, 8)}?`))) return;
    const answer = await run(current, profile, runSeconds);
    if (answer.status === 401) return onSignedOut();
    $('action-answer').textContent = answer.ok
      ? `${verb}: accepted (HTTP ${answer.status}).`
      : `${verb}: refused — ${problemText(answer)} (HTTP ${answer.status}).`;
    $('action-answer').className = answer.ok ? 'ok' : 'error';
    refreshClaw();
  });
  act('retry', 'Retry', (id, profile, runSeconds) => {
    const body = {};
    if (profile) body.profile = profile;
    if (runSeconds !== null) body.runSeconds = runSeconds;
    return post(`/api/claws/${id}/retry`, Object.keys(body).length ? body : undefined);
  });
  act('cancel', 'Cancel', (id) => post(`/api/claws/${id}/cancel`));
  act('remove', 'Remove', (id) => del(`/api/claws/${id}`));
}

function confirmAction(text) {
  const dialog = $('confirm');
  $('confirm-text').textContent = text;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
  });
}

export function showClaw(clawId) {
  if (current !== clawId) {
    $('action-answer').textContent = '';
    clear($('timeline'));
  }
  current = clawId;
  $('claw-title').textContent = `Claw ${clawId}`;
  return refreshClaw();
}

export function currentClaw() {
  return current;
}

export function leaveClaw() {
  current = null;
}

/** Reloads record, actions and timeline; overlapping calls collapse into one more. */
export async function refreshClaw() {
  if (loading) {
    loading.again = true;
    return loading.promise;
  }
  loading = { again: false };
  loading.promise = (async () => {
    try {
      do {
        loading.again = false;
        await load(current);
      } while (loading.again && current);
    } finally {
      loading = null;
    }
  })();
  return loading.promise;
}

async function load(clawId) {
  if (!clawId) return;
  try {
    const [claw, actions, timeline] = await Promise.all([
      get(`/api/claws/${clawId}`),
      get(`/api/claws/${clawId}/actions`),
      get(`/api/claws/${clawId}/timeline`),
    ]);
    if (clawId !== current) return;
    $('claw-error').textContent = '';
    renderAnswer(claw);
    renderActions(actions);
    $('retry-budget').hidden = claw.status !== 'timed_out';
    renderConditions(claw.conditions || []);
    renderBootstrap(claw.bootstrap || []);
    renderRuns(claw);
    renderFailures(claw.failures || []);
    renderHub(claw.hubMessages || []);
    renderCapabilities(claw.capabilities);
    renderTimeline(timeline.items || []);
  } catch (error) {
    if (error instanceof SignedOut) throw error;
    $('claw-error').textContent = `Could not load claw ${clawId}: ${error.message}`;
  }
}

function fact(list, term, ...value) {
  list.append(h('dt', {}, term), h('dd', {}, ...value));
}

function renderAnswer(claw) {
  const list = clear($('answer-list'));
  $('answer').className = `answer status-${claw.status}`;
  fact(list, 'Status', statusBadge(claw.status), ' for ',
    h('span', { dataset: { since: claw.statusSince } },
      duration((Date.now() - Date.parse(claw.statusSince)) / 1000)), ' (lifecycle ',
    claw.lifecycle ?? '—', ')');
  fact(list, 'Reason', claw.statusReason ? h('code', {}, claw.statusReason) : '—');
  fact(list, 'Message', claw.statusMessage ?? '—');
  const failure = claw.lastFailure;
  // The remediation belongs to the answer only while the failure is what the status says.
  const current = failure && failure.code === claw.statusReason ? failure : null;
  fact(list, 'Remediation', current?.remediation ?? '—');
  fact(list, 'Retryable', claw.retryable ? 'yes' : 'no');
  fact(list, 'Attempt', claw.run ? `${claw.run.attempt} of ${claw.maxAttempts ?? '?'}` : '—');
  fact(list, 'Connection', h('span', { class: `conn conn-${claw.connection}` }, claw.connection),
    claw.evidenceAgeSeconds === null || claw.evidenceAgeSeconds === undefined
      ? ', no evidence yet' : `, last evidence ${duration(claw.evidenceAgeSeconds)} ago`);
  if (failure) {
    fact(list, 'Last failure', h('code', {}, failure.code), ' ', failure.message ?? '', ' — ',
      when(failure.at), current || !failure.remediation ? ''
        : h('div', { class: 'sub' }, `What to do: ${failure.remediation}`));
  }
  fact(list, 'Workflow run', claw.workflowRunId ?? '—');
  fact(list, 'Created', when(claw.createdAt));
  fact(list, 'Updated', when(claw.updatedAt));
}

function renderActions(actions) {
  const select = $('retry-profile');
  const profiles = actions.profiles || [];
  const key = JSON.stringify(profiles);
  // Rebuilt only when the profiles change: a live refresh must not close a list the operator has
  // open, nor swap the options under a choice being made.
  if (select.dataset.profiles !== key) {
    const chosen = select.value;
    clear(select).append(h('option', { value: '' }, 'same as the last attempt'));
    for (const profile of profiles) {
      select.append(h('option', { value: profile.name },
        `${profile.name} (${profile.model})${profile.used ? ', used before' : ''}`));
    }
    if ([...select.options].some((option) => option.value === chosen)) select.value = chosen;
    select.dataset.profiles = key;
  }
  for (const name of ['retry', 'cancel', 'remove']) {
    const action = actions[name];
    $(name).disabled = !action.allowed;
    $(`${name}-why`).textContent = action.allowed ? '' : `Not now: ${action.refusal}`;
  }
  select.disabled = !actions.retry.allowed;
  $('retry-run-seconds').disabled = !actions.retry.allowed;
}

function rows(tableId, items, cells) {
  const body = clear($(tableId).tBodies[0]);
  if (!items.length) {
    body.append(h('tr', {}, h('td', { colspan: $(tableId).tHead.rows[0].cells.length }, 'none')));
  }
  for (const item of items) body.append(h('tr', {}, cells(item).map((cell) => h('td', {}, cell))));
}

function renderConditions(conditions) {
  rows('conditions', conditions, (c) => [c.type, h('span', { class: `cond cond-${c.status}` },
    c.status), c.reason ? h('code', {}, c.reason) : '', c.message ?? '', when(c.lastTransitionAt)]);
}

function evidence(value) {
  if (!value || (typeof value === 'object' && !Object.keys(value).length)) return '';
  const repositories = value.repositories;
  if (Array.isArray(repositories)) {
    return h('ul', { class: 'plain' }, repositories.map((repo) => h('li', {},
      `${repo.path ?? repo.repository ?? ''}: ${repo.outcome
        ?? (repo.present === false ? 'missing' : repo.present ? 'present' : '')}`,
      repo.head ? [' head ', h('code', {}, String(repo.head).slice(0, 12))] : '',
      repo.attempts ? ` (${repo.attempts} attempts)` : '',
      repo.required === false ? ' (optional)' : '')));
  }
  return h('code', { class: 'evidence' }, JSON.stringify(value));
}

function renderBootstrap(steps) {
  rows('bootstrap', steps, (s) => [s.step, h('span', { class: `outcome outcome-${s.outcome}` },
    s.outcome), [s.reason ? h('code', {}, s.reason) : '', s.message ? ` ${s.message}` : ''],
  s.durationMs === null || s.durationMs === undefined ? '—' : `${s.durationMs} ms`,
  evidence(s.evidence), when(s.at)]);
}

function renderRuns(claw) {
  const runs = [...(claw.runs || [])].reverse();
  rows('runs', runs, (r) => [
    `${r.attempt} of ${claw.maxAttempts ?? '?'}`,
    r.runnerId ?? '—',
    r.modelProfile ? `${r.modelProfile.name} (${r.modelProfile.model})` : '—',
    r.outcome ?? 'running',
    [r.pinnedCause ? [h('strong', {}, 'pinned '), h('code', {}, r.pinnedCause)] : '',
      (r.causes || []).length ? h('ul', { class: 'plain' }, r.causes.map((c) => h('li', {},
        h('code', {}, c.code), ' ', c.message ?? ''))) : ''],
    when(r.deadlineAt),
    h('ul', { class: 'plain' },
      h('li', {}, 'dispatched ', when(r.dispatchedAt)),
      h('li', {}, 'started ', when(r.startedAt)),
      h('li', {}, 'finished ', when(r.finishedAt))),
  ]);
}

function renderFailures(failures) {
  const list = clear($('failures'));
  if (!failures.length) list.append(h('li', {}, 'none'));
  for (const f of [...failures].reverse()) {
    list.append(h('li', {}, when(f.at), ' ', h('code', {}, f.code), ' ', f.message ?? '',
      f.remediation ? h('div', { class: 'sub' }, `What to do: ${f.remediation}`) : ''));
  }
}

function renderHub(messages) {
  const list = clear($('hub'));
  if (!messages.length) list.append(h('li', {}, 'none'));
  for (const m of messages) {
    list.append(h('li', {}, when(m.at), ' ', m.rule ? h('code', {}, m.rule) : '', ' ',
      m.text ?? m.message ?? '', ' — outcome: ', h('strong', {}, m.outcome ?? 'unknown'),
      m.delivered || m.deliveredAt ? ' (delivered)' : ''));
  }
}

function renderCapabilities(capabilities) {
  const list = clear($('capabilities'));
  if (!capabilities) {
    list.append(h('li', {}, 'not stated'));
    return;
  }
  for (const [name, on] of Object.entries(capabilities)) {
    list.append(h('li', {}, `${name}: ${on ? 'allowed' : 'not allowed'}`));
  }
}

function renderTimeline(items) {
  const list = $('timeline');
  const follow = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
  clear(list);
  for (const entry of items) {
    list.append(h('li', { class: entry.stale ? 'stale' : '' }, when(entry.at), ' ',
      h('code', {}, entry.type), ` #${entry.attempt} `, entry.summary,
      entry.stale ? ' (stale: from a superseded attempt)' : ''));
  }
  if (follow) list.scrollTop = list.scrollHeight;
}
