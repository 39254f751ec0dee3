'use strict';
const $ = id => document.getElementById(id);
const user = () => encodeURIComponent($('user').value.trim() || 'demo-user');
let counter = 0;
const newId = () => `${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

// With Seed:Auth on, the API answers 401 until the page sends a key. The key lives in sessionStorage: it survives a
// reload but not the tab, and it is sent only to this origin (the Content-Security-Policy allows no other).
const keyStorage = 'seed-api-key';
const storedKey = () => sessionStorage.getItem(keyStorage);

function askForKey(message) {
  $('key-form').classList.add('shown');
  $('forget-key').classList.add('hidden');
  $('error').textContent = message;
  $('key').focus();
}

async function call(method, url, body) {
  const headers = body ? { 'content-type': 'application/json' } : {};
  const key = storedKey();
  if (key) { headers.authorization = `Bearer ${key}`; }
  const response = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (response.status === 401) {
    sessionStorage.removeItem(keyStorage);
    askForKey(key ? 'That key was not accepted; enter another.' : 'This server needs an API key.');
  }
  if (!response.ok) { throw new Error(`${response.status} ${JSON.stringify(data?.errors ?? data?.detail ?? data)}`); }
  return data;
}

async function send(type, extra) {
  $('error').textContent = '';
  try {
    await call('POST', '/v1/events', { events: [{ eventId: newId(), userId: decodeURIComponent(user()), type, ...extra }] });
    await refresh();
  } catch (e) { $('error').textContent = e.message; }
}

function labels(list) { return (list || []).map(l => `<span class="label">${l.kind === 'tag' ? '#' : ''}${escape(l.label)} ${l.score.toFixed(2)}</span>`).join(''); }
function escape(s) { return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c])); }

async function refresh() {
  const started = performance.now();
  try {
    const [recs, interests, summary] = await Promise.all([
      call('GET', `/v1/users/${user()}/recommendations?k=12`),
      call('GET', `/v1/users/${user()}/interests?top=6`),
      call('GET', `/v1/users/${user()}`)]);
    $('strategy').textContent = `(${recs.strategy}, ${recs.eventCount} events)`;
    $('recs').innerHTML = recs.items.map(item => `
      <div class="item"><div><div class="title">${escape(item.title)}</div>
        <div class="meta">${escape((item.categories || []).join(' · '))} — score ${item.score.toFixed(3)}</div></div>
        <div><button data-type="click" data-item="${escape(item.itemId)}">Click</button>
        <button data-type="purchase" data-item="${escape(item.itemId)}">Buy</button>
        <button data-type="dislike" data-item="${escape(item.itemId)}">Not for me</button></div></div>`).join('');
    $('interests').innerHTML = `<div class="meta">long-term</div>${labels(interests.longTermCategories)}${labels(interests.longTermTags)}
      <div class="meta">short-term</div>${labels(interests.shortTermCategories)}${labels(interests.shortTermTags)}
      <div class="meta">model: ${escape(interests.modelMode)}</div>`;
    $('recent').innerHTML = summary.recentItemIds.slice(0, 10).map(id => `<span class="label">${escape(id)}</span>`).join('');
    $('status').textContent = `updated in ${(performance.now() - started).toFixed(0)} ms`;
    $('error').textContent = '';
  } catch (e) { $('error').textContent = e.message; }
}

$('recs').addEventListener('click', e => { const b = e.target.closest('button'); if (b) send(b.dataset.type, { itemId: b.dataset.item }); });
$('search').addEventListener('click', () => { const q = $('query').value.trim(); if (q) send('search', { text: q }); });
$('query').addEventListener('keydown', e => { if (e.key === 'Enter') $('search').click(); });
$('reset').addEventListener('click', async () => {
  try { await call('DELETE', `/v1/users/${user()}`); } catch (e) { $('error').textContent = e.message; return; }
  refresh();
});
$('user').addEventListener('change', refresh);
$('key-form').addEventListener('submit', e => {
  e.preventDefault();
  const key = $('key').value.trim();
  if (!key) { return; }
  sessionStorage.setItem(keyStorage, key);
  $('key').value = '';
  $('key-form').classList.remove('shown');
  $('forget-key').classList.remove('hidden');
  refresh();
});
$('forget-key').addEventListener('click', () => { sessionStorage.removeItem(keyStorage); location.reload(); });
if (storedKey()) { $('forget-key').classList.remove('hidden'); }
refresh();
