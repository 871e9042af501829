// The operator page: sign-in, routing between the board and a claw's page, and the live stream.
import * as api from './api.js';
import { SignedOut } from './api.js';
import { $, tick } from './dom.js';
import { initBoard, showBoard, refreshBoard } from './board.js';
import { initClaw, showClaw, refreshClaw, currentClaw, leaveClaw } from './claw.js';
import { refreshFleet } from './fleet.js';

const RECONNECT_MS = 2000;
const TIMELINE_POLL_MS = 2000;
const FLEET_POLL_MS = 5000;

let stream = null;
let reconnectTimer = null;
let signedIn = false;

function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

async function route() {
  if (!signedIn) return;
  const hash = location.hash.replace(/^#/, '') || '/';
  const claw = hash.match(/^\/claw\/([0-9a-fA-F-]{36})$/);
  $('sign-in').hidden = true;
  try {
    if (claw) {
      $('board').hidden = true;
      $('claw').hidden = false;
      await showClaw(claw[1].toLowerCase());
      $('claw-title').focus();
    } else {
      leaveClaw();
      $('claw').hidden = true;
      $('board').hidden = false;
      const params = new URLSearchParams(hash.split('?')[1] || '');
      await showBoard(params);
      refreshFleet();
    }
  } catch (error) {
    handle(error);
  }
}

function handle(error) {
  if (error instanceof SignedOut) showSignIn('Your session has ended: sign in again.');
  else console.error(error);
}

function showSignIn(message = '') {
  signedIn = false;
  closeStream();
  $('board').hidden = true;
  $('claw').hidden = true;
  $('sign-out').hidden = true;
  $('live').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message;
  $('token').focus();
}

function enter() {
  signedIn = true;
  $('sign-in').hidden = true;
  $('sign-out').hidden = false;
  $('live').hidden = false;
  openStream();
  route();
}

function setLive(state, text) {
  const live = $('live');
  live.dataset.state = state;
  live.textContent = text;
}

/** Changes arrive as status.changed envelopes; bursts are folded into one refresh. */
function openStream() {
  closeStream();
  setLive('connecting', 'Live updates: connecting…');
  stream = new EventSource('/api/stream');
  stream.onopen = () => {
    setLive('connected', 'Live updates: connected');
    // Whatever changed while disconnected is read again.
    refresh(null);
  };
  stream.onmessage = (event) => {
    let clawId = null;
    try { clawId = JSON.parse(event.data).clawId; } catch { clawId = null; }
    refresh(clawId);
  };
  stream.onerror = () => {
    setLive('disconnected', 'Live updates: disconnected, reconnecting…');
    if (stream.readyState === EventSource.CLOSED) {
      // The browser gave up (e.g. a 401 or the service down): check the session and retry.
      closeStream();
      reconnectTimer = setTimeout(async () => {
        const answer = await api.session().catch(() => ({ status: 0 }));
        if (answer.status === 401) showSignIn('Your session has ended: sign in again.');
        else if (signedIn) openStream();
      }, RECONNECT_MS);
    }
  };
}

function closeStream() {
  clearTimeout(reconnectTimer);
  if (stream) stream.close();
  stream = null;
}

let refreshTimer = null;
let refreshAll = false;
let refreshIds = new Set();

function refresh(clawId) {
  if (clawId === null) refreshAll = true;
  else refreshIds.add(clawId);
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    const shown = currentClaw();
    const concerned = refreshAll || refreshIds.has(shown);
    refreshAll = false;
    refreshIds = new Set();
    const work = shown ? (concerned ? refreshClaw() : null) : refreshBoard();
    Promise.resolve(work).catch(handle);
  }, 200);
}

function start() {
  initBoard(navigate);
  initClaw(() => showSignIn('Your session has ended: sign in again.'));
  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = $('token').value;
    const answer = await api.signIn(token).catch(() => ({ status: 0 }));
    if (answer.status === 204) {
      $('token').value = '';
      $('sign-in-error').textContent = '';
      enter();
    } else if (answer.status === 401) {
      $('sign-in-error').textContent = 'Wrong token: this is not the API token of this ClawOps'
        + ' installation. Check CLAWOPS_API_TOKEN (or .clawops/api-token) and try again.';
      $('token').select();
    } else {
      $('sign-in-error').textContent = answer.status
        ? `Sign-in failed: ${api.problemText(answer)}`
        : 'Sign-in failed: status-service does not answer.';
    }
  });
  $('sign-out').addEventListener('click', async () => {
    await api.signOut().catch(() => null);
    showSignIn('Signed out.');
  });
  window.addEventListener('hashchange', route);
  setInterval(() => tick(), 1000);
  setInterval(() => {
    if (signedIn && currentClaw()) refreshClaw().catch(handle);
  }, TIMELINE_POLL_MS);
  setInterval(() => {
    if (signedIn && !$('board').hidden) refreshFleet();
  }, FLEET_POLL_MS);
  api.session()
    .then((answer) => (answer.status === 200 ? enter() : showSignIn()))
    .catch(() => showSignIn('status-service does not answer.'));
}

start();
