// The fleet strip: runners with their slots and last beat, and the tasks waiting for a slot.
// Shown only while GET /api/runners answers 200; an API without it shows nothing at all.
import { $, h, clear, duration, statusBadge } from './dom.js';

export async function refreshFleet() {
  let response;
  try {
    response = await fetch('/api/runners', { headers: { Accept: 'application/json' } });
  } catch {
    $('fleet').hidden = true;
    return;
  }
  if (response.status !== 200) {
    $('fleet').hidden = true;
    return;
  }
  const fleet = await response.json();
  const list = clear($('fleet-runners'));
  for (const runner of fleet.runners || []) {
    list.append(h('li', { class: `runner runner-${runner.state}` },
      h('strong', {}, runner.runnerId), ' ', statusBadge(runner.state), ' ',
      `${runner.slotsBusy} of ${runner.slotsTotal} slots busy, ${runner.slotsFree} free`,
      `, last beat ${duration(runner.beatAgeSeconds)} ago`,
      runner.version ? `, version ${runner.version}` : ''));
  }
  if (!(fleet.runners || []).length) list.append(h('li', {}, 'no runner has reported'));
  const queue = fleet.queue || {};
  $('fleet-queue').textContent = queue.waiting
    ? `${queue.waiting} task(s) waiting for a free slot, the oldest for ${
      duration(queue.oldestWaitingSeconds)}.`
    : 'No task is waiting for a slot.';
  $('fleet').hidden = false;
}
