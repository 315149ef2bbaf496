'use strict';
// HTML for the sandbox: a shared layout (also used by the provider's authorize pages) and the main page at GET /,
// which a person uses with `npm start`. Plain HTML + a little inline JS that polls /_sandbox/state; no external assets.

function escapeHtml(value) {
	return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
header{background:#28324a;color:#fff;padding:10px 18px;display:flex;gap:18px;align-items:baseline}
header h1{font-size:18px;margin:0}header small{opacity:.75}
main{padding:14px 18px}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:14px}
section{background:#fff;border:1px solid #dde1e8;border-radius:6px;padding:10px 12px;overflow:auto;max-height:420px}
section h2{font-size:15px;margin:0 0 6px}
table{border-collapse:collapse;width:100%;font-size:12.5px}
th,td{text-align:left;padding:3px 6px;border-bottom:1px solid #eef0f3;white-space:nowrap}
tr.pick{cursor:pointer}tr.pick:hover{background:#eef4ff}
.muted{color:#6b7280}.bad{color:#b42318}
form.edit{display:flex;flex-wrap:wrap;gap:6px;align-items:flex-end}
form.edit label{display:flex;flex-direction:column;font-size:12px}
input,select,button,.button{font:inherit;padding:4px 8px}
.button,button{background:#2f6fed;color:#fff;border:0;border-radius:4px;text-decoration:none;cursor:pointer}
button#deny{background:#6b7280}
code{background:#eef0f3;padding:0 3px;border-radius:3px}
pre{white-space:pre-wrap;margin:4px 0;font-size:12px}
`;

/** Minimal page around `body` (trusted HTML: callers escape user data). */
function layout(title, body) {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · CRM sandbox</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(title)}</h1><small>local CRM sandbox</small></header><main>${body}</main></body></html>`;
}

// Field layouts per kind: [label, api field] pairs shown in the edit form.
const FORMS = {
	'hubspot:contacts': ['firstname', 'lastname', 'email', 'phone', 'jobtitle', 'company', 'city', 'country'],
	'hubspot:companies': ['name', 'domain', 'phone', 'industry', 'city', 'country'],
	'zoho:Contacts': ['First_Name', 'Last_Name', 'Email', 'Phone', 'Title', 'Mailing_City', 'Mailing_Country'],
	'zoho:Accounts': ['Account_Name', 'Website', 'Phone', 'Industry', 'Billing_City', 'Billing_Country'],
};

/** The main page. Data comes from GET /_sandbox/state every few seconds; edits go to POST /_sandbox/records. */
function renderMainPage({ baseUrl = '', refreshMs = 3000 } = {}) {
	const script = `
const FORMS = ${JSON.stringify(FORMS)};
const $ = (s) => document.querySelector(s);
const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'})[c]);
const when = (v) => { const t = Date.parse(v); return Number.isNaN(t) ? esc(v || '') : esc(new Date(t).toISOString().replace('T',' ').slice(0,19)); };
let state = null;
function table(rows, cols, kind) {
  if (!rows) return '<p class="muted">emulator not loaded</p>';
  if (!rows.length) return '<p class="muted">no records</p>';
  const head = '<tr>' + cols.map((c) => '<th>' + esc(c[0]) + '</th>').join('') + '</tr>';
  const body = rows.map((r) => '<tr class="pick" data-kind="' + kind + '" data-id="' + esc(r.id) + '">' +
    cols.map((c) => '<td>' + (c[2] ? c[2](c[1](r)) : esc(c[1](r))) + '</td>').join('') + '</tr>').join('');
  return '<table>' + head + body + '</table>';
}
const P = (k) => (r) => (r.properties || {})[k];
const F = (k) => (r) => r[k];
function render() {
  const s = state;
  $('#hs-contacts').innerHTML = table(s.hubspot && s.hubspot.contacts, [['id',F('id')],['name',(r)=>[P('firstname')(r),P('lastname')(r)].filter(Boolean).join(' ')],['email',P('email')],['phone',P('phone')],['title',P('jobtitle')],['last modified',F('updatedAt'),when]], 'hubspot:contacts');
  $('#hs-companies').innerHTML = table(s.hubspot && s.hubspot.companies, [['id',F('id')],['name',P('name')],['domain',P('domain')],['phone',P('phone')],['last modified',F('updatedAt'),when]], 'hubspot:companies');
  $('#z-contacts').innerHTML = table(s.zoho && s.zoho.Contacts, [['id',F('id')],['name',(r)=>[r.First_Name,r.Last_Name].filter(Boolean).join(' ')],['email',F('Email')],['phone',F('Phone')],['title',F('Title')],['account',(r)=>r.Account_Name&&r.Account_Name.name],['last modified',F('Modified_Time'),when]], 'zoho:Contacts');
  $('#z-accounts').innerHTML = table(s.zoho && s.zoho.Accounts, [['id',F('id')],['name',F('Account_Name')],['website',F('Website')],['phone',F('Phone')],['last modified',F('Modified_Time'),when]], 'zoho:Accounts');
  for (const k of ['hs-contacts','hs-companies','z-contacts','z-accounts']) $('#' + k + '-n').textContent = String(($('#' + k + ' table') || {rows:{length:1}}).rows.length - 1);
  $('#mail').innerHTML = !s.mail.length ? '<p class="muted">no mail received' + (s.smtpPort ? ' (SMTP catcher on port ' + s.smtpPort + ')' : ' (SMTP catcher off)') + '</p>' :
    s.mail.slice().reverse().map((m) => '<div><b>' + esc(m.subject) + '</b> <span class="muted">' + esc(m.from) + ' → ' + esc((m.to||[]).join(', ')) + ' · ' + when(m.receivedAt) + '</span><pre>' + esc(m.text) + '</pre></div>').join('<hr>');
  $('#counts').innerHTML = '<p>' + Object.entries(s.log.totals).map(([k,v]) => esc(k) + ': <b>' + v + '</b>').join(' · ') + ' · total <b>' + s.log.total + '</b></p>' +
    table(Object.entries(s.log.counts).sort((a,b)=>b[1]-a[1]).map(([k,v]) => ({id:k, n:v})), [['endpoint',F('id')],['calls',F('n')]], 'log');
  $('#updated').textContent = 'updated ' + new Date().toLocaleTimeString();
}
async function refresh() {
  try { const r = await fetch('/_sandbox/state'); state = await r.json(); render(); } catch (e) { $('#updated').textContent = 'sandbox unreachable'; }
}
function showForm(kind, rec) {
  const [system, type] = kind.split(':');
  $('#kind').value = kind; $('#rid').value = rec ? rec.id : '';
  $('#fields').innerHTML = FORMS[kind].map((f) => {
    const v = rec ? (system === 'hubspot' ? (rec.properties || {})[f] : (rec[f] && typeof rec[f] === 'object' ? rec[f].name : rec[f])) : '';
    return '<label>' + esc(f) + '<input name="' + esc(f) + '" value="' + esc(v ?? '') + '" data-orig="' + esc(v ?? '') + '"></label>';
  }).join('');
  $('#formtitle').textContent = (rec ? 'Edit ' : 'Create ') + (system === 'hubspot' ? 'HubSpot ' : 'Zoho ') + type + (rec ? ' ' + rec.id : '');
  $('#msg').textContent = '';
}
document.addEventListener('click', (e) => {
  const tr = e.target.closest('tr.pick');
  if (!tr || !state || tr.dataset.kind === 'log') return;
  const [system, type] = tr.dataset.kind.split(':');
  const list = (state[system] || {})[type] || [];
  showForm(tr.dataset.kind, list.find((r) => String(r.id) === tr.dataset.id));
});
$('#kind').addEventListener('change', () => showForm($('#kind').value, null));
$('#new').addEventListener('click', (e) => { e.preventDefault(); showForm($('#kind').value, null); });
$('#edit').addEventListener('submit', async (e) => {
  e.preventDefault();
  const [system, type] = $('#kind').value.split(':');
  const fields = {};
  // New record: the filled-in fields. Edit: only what changed, so untouched empty fields are not written.
  for (const i of $('#fields').querySelectorAll('input')) if ($('#rid').value ? i.value !== i.dataset.orig : i.value !== '') fields[i.name] = i.value;
  if (!Object.keys(fields).length) { $('#msg').textContent = 'nothing changed'; return; }
  const r = await fetch('/_sandbox/records', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ system, type, id: $('#rid').value || undefined, fields }) });
  const j = await r.json();
  $('#msg').className = r.ok ? '' : 'bad';
  $('#msg').textContent = r.ok ? 'saved ' + j.record.id + ' (webhook / notification fired)' : 'error: ' + j.message;
  if (r.ok) { $('#rid').value = j.record.id; refresh(); }
});
showForm('hubspot:contacts', null);
refresh();
setInterval(refresh, ${Number(refreshMs) || 3000});
`;
	const body = `
<p class="muted">Sandbox at <code>${escapeHtml(baseUrl)}</code>. Click a row to edit it; saving goes through the emulator, so HubSpot webhooks and Zoho notifications fire. <span id="updated"></span></p>
<section style="max-height:none;margin-bottom:14px">
<h2 id="formtitle">Create</h2>
<form id="edit" class="edit">
<label>kind<select id="kind">${Object.keys(FORMS).map((k) => `<option value="${k}">${escapeHtml(k.replace(':', ' '))}</option>`).join('')}</select></label>
<input type="hidden" id="rid"><span id="fields" style="display:contents"></span>
<button type="submit" id="save">Save</button><button id="new" style="background:#6b7280">New</button><span id="msg"></span>
</form></section>
<div class="grid">
<section><h2>HubSpot contacts (<span id="hs-contacts-n">0</span>)</h2><div id="hs-contacts"></div></section>
<section><h2>Zoho Contacts (<span id="z-contacts-n">0</span>)</h2><div id="z-contacts"></div></section>
<section><h2>HubSpot companies (<span id="hs-companies-n">0</span>)</h2><div id="hs-companies"></div></section>
<section><h2>Zoho Accounts (<span id="z-accounts-n">0</span>)</h2><div id="z-accounts"></div></section>
<section><h2>Failure-report emails</h2><div id="mail"></div></section>
<section><h2>API calls</h2><div id="counts"></div></section>
</div>
<script>${script}</script>`;
	return layout('HubSpot ⇄ Zoho CRM sandbox', body);
}

module.exports = { escapeHtml, layout, renderMainPage, FORMS };
