// The closewise demo in React 19, in <StrictMode>: useResilientSocket, useSocketStatus,
// useSocketEvent and <StatusBanner> against the same gateway, upstream and fault buttons as the
// main page. This is the code to copy into a React app.
import { type CloseClassification, describeClose, en, type Locale, type ResilientSocketOptions } from 'closewise';
import { tr } from 'closewise/locales/tr';
import { StatusBanner, useResilientSocket, useSocketEvent, useSocketStatus } from 'closewise/react';
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

const control = (action: string) => fetch(`/__closewise/${action}`, { method: 'POST' });
const locales: Record<string, Locale> = { en, tr };
const FAULTS: ReadonlyArray<readonly [action: string, label: string]> = [
  ['upstream/kill', 'Kill upstream (1014)'],
  ['upstream/restore', 'Restore upstream'],
  ['token/expire', 'Expire token (1008 auth)'],
  ['restart', 'Restart service (1012)'],
  ['overload', 'Overload (1013)'],
  ['drop', 'Drop TCP (1006)'],
];

/** Tokens come from the demo's "auth server"; auth.refresh fetches a new one after a 1008. */
async function fetchToken(): Promise<string> {
  const res = await fetch('/__closewise/token', { method: 'POST' });
  return ((await res.json()) as { token: string }).token;
}

/** The part of the page that owns the socket: mounting it connects, unmounting it closes. */
function Connection({ gatewayUrl, locale }: { gatewayUrl: string; locale: Locale }) {
  const [token, setToken] = useState('');
  const tokenRef = useRef('');
  const refresh = async () => {
    tokenRef.current = await fetchToken();
    setToken(tokenRef.current);
  };

  // A function URL is read before every attempt, so the newest token is used without a reconnect.
  // The options object is new on every render: that neither reconnects nor changes the socket.
  const socket = useResilientSocket(
    async () => {
      if (!tokenRef.current) await refresh();
      return `${gatewayUrl}?token=${tokenRef.current}`;
    },
    {
      auth: { refresh },
      heartbeat: { intervalMs: 10_000, timeoutMs: 5000, ping: () => 'ping', isPong: (data) => data === 'pong' },
    } satisfies ResilientSocketOptions,
  );
  const status = useSocketStatus(socket);

  const [closes, setCloses] = useState<CloseClassification[]>([]);
  const [messages, setMessages] = useState<string[]>([]);
  useSocketEvent(socket, 'close', (c) => setCloses((list) => [c, ...list]));
  useSocketEvent(socket, 'message', (data) => setMessages((list) => [String(data), ...list].slice(0, 20)));

  // The countdown to the next attempt, re-rendered a few times a second while one is scheduled.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!status.nextRetryAt) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [status.nextRetryAt]);
  const nextRetry = status.nextRetryAt ? `${Math.max(0, Math.ceil((status.nextRetryAt - now) / 1000))} s` : '–';

  return (
    <>
      <StatusBanner socket={socket} locale={locale} />

      <section aria-labelledby="status-heading">
        <h2 id="status-heading">Connection</h2>
        <dl className="status">
          <dt>State</dt>
          <dd id="state">{status.state}</dd>
          <dt>Attempt</dt>
          <dd id="attempt">{status.attempt}</dd>
          <dt>Next retry</dt>
          <dd id="next-retry">{nextRetry}</dd>
          <dt>Token</dt>
          <dd id="token">{token || '–'}</dd>
        </dl>
      </section>

      <section aria-labelledby="faults-heading">
        <h2 id="faults-heading">Cause a fault (for real)</h2>
        <div className="buttons">
          {FAULTS.map(([action, label]) => (
            <button type="button" key={action} onClick={() => control(action)}>
              {label}
            </button>
          ))}
          <button
            type="button"
            onClick={() => {
              for (let i = 0; i < 50; i++) socket?.send(`flood ${i}`);
            }}
          >
            Flood messages (1008 rate limit)
          </button>
          <button type="button" onClick={() => socket?.send('forbidden')}>
            Send forbidden content (1008 policy)
          </button>
        </div>
      </section>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Close timeline</h2>
        <ol id="timeline" aria-live="off">
          {closes.map((c, i) => {
            const advice = describeClose(c.code, locale);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: newest first, never reordered.
              <li key={closes.length - i}>
                <div className="meta">
                  {c.code} {c.name} · {c.action}
                  {c.policyKind ? ` (${c.policyKind})` : ''} · {c.phase} · {c.initiator}
                </div>
                <div className="advice">
                  {advice.description} {advice.howToFix}
                </div>
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="messages-heading">
        <h2 id="messages-heading">Messages</h2>
        <ol id="messages">
          {messages.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a log, newest first.
            <li key={i}>{m}</li>
          ))}
        </ol>
      </section>
    </>
  );
}

function App() {
  const [gatewayUrl, setGatewayUrl] = useState<string>();
  const [locale, setLocale] = useState<Locale>(en);
  const [mounted, setMounted] = useState(true);

  useEffect(() => {
    let live = true;
    fetch('/__closewise/config')
      .then((res) => res.json() as Promise<{ gatewayUrl: string }>)
      .then((config) => live && setGatewayUrl(config.gatewayUrl));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale.id;
  }, [locale]);

  return (
    <>
      <header>
        <h1>closewise demo: React</h1>
        <label>
          Language{' '}
          <select value={locale.id} onChange={(event) => setLocale(locales[event.target.value] ?? en)}>
            <option value="en">English</option>
            <option value="tr">Türkçe</option>
          </select>
        </label>
      </header>
      <p>
        React 19 in <code>&lt;StrictMode&gt;</code> (effects run, clean up and run again): the gateway still sees one
        connection. <a href="./">The plain TypeScript demo</a>.
      </p>
      <p>
        <button type="button" onClick={() => setMounted((m) => !m)}>
          {mounted ? 'Unmount the connection' : 'Mount the connection'}
        </button>
      </p>
      <main>{mounted && gatewayUrl ? <Connection gatewayUrl={gatewayUrl} locale={locale} /> : null}</main>
    </>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
