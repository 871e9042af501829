// The status-service API, same origin. The session cookie travels by itself (HttpOnly: this
// script never sees it); changes carry X-ClawOps-Page, which the API requires of cookie callers.

export class SignedOut extends Error {}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-ClawOps-Page'] = '1';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { status: response.status, ok: response.ok, json };
}

/** GET that throws SignedOut on 401 and an Error with the problem detail otherwise. */
export async function get(path) {
  const answer = await call('GET', path);
  if (answer.status === 401) throw new SignedOut();
  if (!answer.ok) throw new Error(problemText(answer));
  return answer.json;
}

export const post = (path, body) => call('POST', path, body);
export const del = (path) => call('DELETE', path);

export const signIn = (token) => call('POST', '/api/session', { token });
export const signOut = () => call('DELETE', '/api/session');
export const session = () => call('GET', '/api/session');

export function problemText(answer) {
  const body = answer.json || {};
  const title = body.title || `HTTP ${answer.status}`;
  const fields = (body.errors || []).map((error) => `${error.field} ${error.message}`).join('; ');
  const detail = [body.detail, fields].filter(Boolean).join('; ');
  return detail ? `${title}: ${detail}` : title;
}

/** Query string of the non-empty entries. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
