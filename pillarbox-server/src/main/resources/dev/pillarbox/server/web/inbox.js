// The web inbox's page. Everything a message says is put into the page as text (textContent), never as HTML;
// a message's HTML part goes only into the sandboxed iframe, after the server sanitised it.
'use strict';

const state = { query: '', openId: null, tab: 'html', listing: 0 };
const $ = (id) => document.getElementById(id);
const api = (path) => '/api/messages' + path;
const idPath = (id) => '/' + encodeURIComponent(id);

function size(bytes) {
  if (bytes < 1024) return bytes + ' B';
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' kB';
  return (bytes / 1024 / 1024).toFixed(1) + ' MB';
}

function when(message) {
  const d = new Date(message.date || message.received);
  const t = isNaN(d) ? new Date(message.received) : d;
  return t.toLocaleString();
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  td.title = text;
  if (className) td.className = className;
  row.appendChild(td);
}

async function loadList() {
  const ticket = ++state.listing;
  const response = await fetch(api('?limit=500&query=' + encodeURIComponent(state.query)));
  if (!response.ok) return;
  const page = await response.json();
  // a later listing started meanwhile: its answer is newer than this one
  if (ticket !== state.listing) return;
  const body = $('messages').tBodies[0];
  const rows = document.createDocumentFragment();
  for (const m of page.messages) {
    const row = document.createElement('tr');
    row.dataset.id = m.id;
    cell(row, m.from, 'from');
    cell(row, m.to, 'to');
    cell(row, m.subject || '(no subject)', 'subject');
    cell(row, when(m), 'date');
    cell(row, size(m.size), 'num size');
    cell(row, '', m.attachments > 0 ? 'attachment clip' : 'attachment');
    if (m.attachments > 0) row.lastChild.title = m.attachments + ' attachment' + (m.attachments === 1 ? '' : 's');
    row.addEventListener('click', () => openMessage(m.id));
    rows.appendChild(row);
  }
  body.replaceChildren(rows);
  $('empty').hidden = page.total > 0;
  $('count').textContent = state.query ? page.matched + ' of ' + page.total : page.total + ' messages';
  if (state.openId && !page.messages.some((m) => m.id === state.openId) && !state.query) {
    closeMessage();
  }
}

function headerRows(table, headers) {
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const [name, value] of headers) {
    const row = body.insertRow();
    const th = document.createElement('th');
    th.textContent = name;
    row.appendChild(th);
    row.insertCell().textContent = value;
  }
}

async function openMessage(id) {
  const response = await fetch(api(idPath(id)));
  if (!response.ok) {
    await loadList();
    return;
  }
  const m = await response.json();
  state.openId = id;
  $('list').hidden = true;
  $('view').hidden = false;
  $('view-subject').textContent = m.subject || '(no subject)';
  headerRows($('view-headers'), [['From', m.from], ['To', m.to], ['Cc', m.cc], ['Date', m.date]]
    .filter(([, v]) => v));
  headerRows($('all-headers').querySelector('table'), m.headers.map((h) => [h.name, h.value]));
  $('view-problem').hidden = !m.problem;
  $('view-problem').textContent = m.problem || '';
  const list = $('attachments');
  list.replaceChildren();
  for (const p of m.parts.filter((p) => p.attachment)) {
    const a = document.createElement('a');
    a.href = api(idPath(id) + '/parts/' + p.index);
    a.download = p.filename || ('part-' + p.index);
    a.className = 'clip';
    a.textContent = (p.filename || ('part ' + p.index)) + (p.size >= 0 ? ' (' + size(p.size) + ')' : '');
    const li = document.createElement('li');
    li.appendChild(a);
    list.appendChild(li);
  }
  $('parts-note').hidden = m.partCount <= m.parts.length;
  $('parts-note').textContent = 'This message has ' + m.partCount + ' parts; the first ' + m.parts.length
    + ' are listed.';
  $('raw-link').href = api(idPath(id) + '/raw');
  $('view-text').textContent = m.text ? m.text.content + (m.text.truncated ? '\n[\u2026 cut]' : '') : '(no text part)';
  const frame = $('view-html');
  frame.removeAttribute('src');
  // srcdoc: the document inherits the page's Content-Security-Policy, and sandbox="" gives it no script and an
  // origin of its own
  frame.srcdoc = m.html !== null ? m.html : '<p>(no HTML part)</p>';
  $('images-note').hidden = !(m.blockedImages > 0);
  $('show-images').textContent = 'Show ' + m.blockedImages + ' remote image' + (m.blockedImages === 1 ? '' : 's');
  $('view-source').textContent = '';
  $('tab-html').disabled = m.html === null;
  showTab(m.html !== null ? 'html' : 'text');
}

function showTab(tab) {
  state.tab = tab;
  for (const name of ['html', 'text', 'source']) {
    $('tab-' + name).classList.toggle('active', name === tab);
    $(name === 'html' ? 'pane-html' : 'view-' + name).hidden = name !== tab;
  }
  if (tab === 'source' && state.openId && !$('view-source').textContent) {
    loadSource(state.openId);
  }
}

async function loadSource(id) {
  const limit = 2 * 1024 * 1024;
  const response = await fetch(api(idPath(id) + '/raw?limit=' + limit));
  if (!response.ok || state.openId !== id) return;
  const total = Number(response.headers.get('X-Message-Size'));
  $('view-source').textContent = (await response.text())
    + (total > limit ? '\n[\u2026 ' + size(total - limit) + ' more: Open source]' : '');
}

function closeMessage() {
  state.openId = null;
  $('view').hidden = true;
  $('list').hidden = false;
  $('view-html').srcdoc = '';
}

async function deleteOpen() {
  if (!state.openId) return;
  await fetch(api(idPath(state.openId)), { method: 'DELETE' });
  closeMessage();
  await loadList();
}

async function deleteAll() {
  if (!window.confirm('Delete every message?')) return;
  await fetch(api(''), { method: 'DELETE' });
  closeMessage();
  await loadList();
}

function showRemoteImages() {
  // the server's own document for this mail: sanitised, remote images kept, under a policy that allows images
  // and nothing else; the iframe keeps its sandbox
  const frame = $('view-html');
  frame.removeAttribute('srcdoc');
  frame.src = api(idPath(state.openId) + '/html?images=remote');
  $('images-note').hidden = true;
}

function listen() {
  const events = new EventSource('/api/events');
  events.onopen = () => {
    $('live').classList.remove('off');
    loadList();
  };
  events.onmessage = () => loadList();
  events.onerror = () => $('live').classList.add('off');
}

document.addEventListener('DOMContentLoaded', () => {
  let typing;
  $('search').addEventListener('input', (e) => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state.query = e.target.value.trim();
      loadList();
    }, 200);
  });
  $('close').addEventListener('click', closeMessage);
  $('delete').addEventListener('click', deleteOpen);
  $('delete-all').addEventListener('click', deleteAll);
  $('show-images').addEventListener('click', showRemoteImages);
  for (const button of document.querySelectorAll('.tabs button')) {
    button.addEventListener('click', () => showTab(button.dataset.tab));
  }
  loadList();
  listen();
});
