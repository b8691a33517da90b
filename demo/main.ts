// The closewise demo: one connection through a real gateway, shared by every tab of the demo
// (closewise/tabs), its status banner, and buttons that cause real faults on the servers the Vite
// plugin started. This is the code to copy.
import { type CloseClassification, compareCodes, describeClose, en, type Locale } from 'closewise';
import { tr } from 'closewise/locales/tr';
import { SharedSocket } from 'closewise/tabs';
import { type ClosewiseStatusElement, defineStatusElement } from 'closewise/ui';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;
const control = (action: string) => fetch(`/__closewise/${action}`, { method: 'POST' });
const locales: Record<string, Locale> = { en, tr };
let locale: Locale = en;

// Tokens come from the demo's "auth server"; auth.refresh fetches a new one after a 1008.
let token = '';
async function fetchToken(): Promise<void> {
  const res = await fetch('/__closewise/token', { method: 'POST' });
  token = ((await res.json()) as { token: string }).token;
  $('#token').textContent = token;
}

const { gatewayUrl } = (await (await fetch('/__closewise/config')).json()) as { gatewayUrl: string };
await fetchToken();

// One connection for all the demo's tabs: the leader tab opens it, the others mirror it. The URL
// is a function (the token changes), so the tabs meet under a name of our choosing.
const socket = new SharedSocket(() => `${gatewayUrl}?token=${token}`, {
  name: 'closewise-demo',
  auth: { refresh: fetchToken },
  heartbeat: { intervalMs: 10_000, timeoutMs: 5000, ping: () => 'ping', isPong: (data) => data === 'pong' },
});

// The banner: a custom element that renders socket.status with registry advice.
defineStatusElement();
const banner = $<ClosewiseStatusElement>('#banner');
banner.socket = socket;

// Which part this tab plays; "Open another tab" to see a follower.
const renderRole = () => {
  $('#role').textContent = socket.shared ? socket.role : 'alone (no Web Locks or BroadcastChannel here)';
};
socket.on('role', renderRole);
renderRole();
$('#another-tab').addEventListener('click', () => window.open(location.href, '_blank'));

// Live status, with a countdown to the next attempt.
function renderStatus(): void {
  const { state, attempt, nextRetryAt } = socket.status;
  $('#state').textContent = state;
  $('#attempt').textContent = String(attempt);
  $('#next-retry').textContent = nextRetryAt ? `${Math.max(0, Math.ceil((nextRetryAt - Date.now()) / 1000))} s` : '–';
}
socket.on('state', renderStatus);
setInterval(renderStatus, 250);

// Every close, classified: code, name, action and the registry's advice.
const closes: CloseClassification[] = [];
function renderTimeline(): void {
  const list = $('#timeline');
  list.replaceChildren(
    ...closes.map((c) => {
      const item = document.createElement('li');
      const advice = describeClose(c.code, locale);
      const meta = document.createElement('div');
      meta.className = 'meta';
      meta.textContent = `${c.code} ${c.name} · ${c.action}${c.policyKind ? ` (${c.policyKind})` : ''} · ${c.phase} · ${c.initiator}`;
      const text = document.createElement('div');
      text.className = 'advice';
      text.textContent = `${advice.description} ${advice.howToFix}`;
      item.append(meta, text);
      return item;
    }),
  );
}
socket.on('close', (c) => {
  closes.unshift(c);
  renderTimeline();
});

socket.on('message', (data) => {
  const item = document.createElement('li');
  item.textContent = String(data);
  const list = $('#messages');
  list.prepend(item);
  while (list.children.length > 20) list.lastElementChild?.remove();
});

// Fault buttons.
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-action]')) {
  button.addEventListener('click', () => control(button.dataset.action as string));
}
$('#flood').addEventListener('click', () => {
  for (let i = 0; i < 50; i++) socket.send(`flood ${i}`);
});
$('#forbidden').addEventListener('click', () => socket.send('forbidden'));
$<HTMLFormElement>('#custom-close').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target as HTMLFormElement);
  const query = new URLSearchParams({ code: String(form.get('code')), reason: String(form.get('reason')) });
  control(`close?${query}`);
});
$<HTMLFormElement>('#send').addEventListener('submit', (event) => {
  event.preventDefault();
  socket.send(String(new FormData(event.target as HTMLFormElement).get('text')));
});

// "1008 vs 1014", or any two codes.
function renderComparison(): void {
  const form = new FormData($<HTMLFormElement>('#compare'));
  const target = $('#comparison');
  try {
    const c = compareCodes(Number(form.get('a')), Number(form.get('b')), locale);
    const list = document.createElement('ul');
    list.append(...c.differences.map((d) => Object.assign(document.createElement('li'), { textContent: d })));
    const columns = document.createElement('div');
    columns.className = 'columns';
    for (const side of [c.a, c.b]) {
      const col = document.createElement('div');
      const h = document.createElement('h3');
      h.textContent = `${side.code} ${side.name}`;
      const p = (text: string) => Object.assign(document.createElement('p'), { textContent: text });
      col.append(
        h,
        p(side.description),
        p(`${locale.labels.headings.whenYouSee}: ${side.whenToUse}`),
        p(`${locale.labels.headings.howToFix}: ${side.whatToDo}`),
      );
      columns.append(col);
    }
    target.replaceChildren(list, columns);
  } catch (error) {
    target.textContent = (error as Error).message;
  }
}
$<HTMLFormElement>('#compare').addEventListener('submit', (event) => {
  event.preventDefault();
  renderComparison();
});

// Language switch: the banner, the timeline and the comparison follow it.
$<HTMLSelectElement>('#locale').addEventListener('change', (event) => {
  locale = locales[(event.target as HTMLSelectElement).value] ?? en;
  document.documentElement.lang = locale.id;
  banner.locale = locale;
  renderTimeline();
  renderComparison();
});

renderStatus();
renderComparison();
Object.assign(window, { closewiseDemo: { socket } });
