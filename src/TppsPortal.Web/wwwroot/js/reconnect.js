// The Indonesian connection banner (Components/Shared/ReconnectModal.razor). It never covers the page: people keep
// typing while the connection is down, and the edit journal (journal.js) keeps what they type.
// - "rejected": the server no longer has this page's session (it restarted, or the phone was away too long). The page
//   is loaded afresh as soon as the server answers; the journal puts unsent values back and sends them.
// - "failed": blazor.web.js gave up its own retries. A phone can be away for longer than any retry schedule, so this
//   keeps trying every few seconds, for as long as the page is open.
// It also starts Blazor (App.razor loads blazor.web.js with autostart="false"): blazor.web.js's own schedule waits up
// to 30 s between tries after the first minute, so a phone back on the network after a few minutes would wait that
// long before its unsent values go out. Here a try is made at most every 5 s, for as long as the page is open.
(() => {
  'use strict';
  const RETRY_MS = 5000;

  // Straight to the WebSocket. SignalR first asks the server which transports it has (a POST to _blazor/negotiate) and
  // only then opens the WebSocket: one round trip more before the form is live, 0.6 s on 3G and 2 s on a slow one.
  // The portal always offers WebSockets, so the page skips that question. Where a proxy or a firewall blocks
  // WebSockets, the first one closes without ever opening while the server answers over plain HTTP: the page then
  // remembers (localStorage, a week) to ask first, so that SignalR falls back to long polling, and reloads (the edit
  // journal keeps what was typed). See docs/performance.md.
  const NEGOTIATE_KEY = 'tpps.signalr.negotiate';
  const NEGOTIATE_DAYS = 7;
  const WEBSOCKET = 1; // signalR.HttpTransportType.WebSockets

  function mustNegotiate() {
    try {
      const until = Number(localStorage.getItem(NEGOTIATE_KEY) || 0);
      return until > Date.now();
    } catch {
      return true; // no storage: keep SignalR's default
    }
  }

  // The page reloads itself in three cases (below). A key pressed while the old page unloads and the new one is not
  // yet there reaches neither, so the reload waits for a pause in typing: the journal already holds everything typed
  // until then and puts it back into the new page. (Seen in a test: "444" typed while the page fell back to
  // negotiation was stored as "44".)
  const TYPING_PAUSE_MS = 1500;
  let lastTyped = 0;
  for (const type of ['keydown', 'input', 'compositionupdate', 'paste']) {
    document.addEventListener(type, () => { lastTyped = Date.now(); }, true);
  }
  function reloadWhenTypingPauses() {
    const wait = lastTyped + TYPING_PAUSE_MS - Date.now();
    if (wait > 0) {
      setTimeout(reloadWhenTypingPauses, wait);
      return;
    }
    location.reload();
  }

  let socketEverOpened = false;
  let fallingBack = false;

  async function fallBackToNegotiation() {
    if (fallingBack || socketEverOpened) return;
    // A WebSocket that never opened while the server answers plain HTTP is a blocked WebSocket, not a phone
    // without a network (that is the reconnect's business below).
    if (!(await serverAnswers()) || socketEverOpened) return;
    fallingBack = true;
    try {
      localStorage.setItem(NEGOTIATE_KEY, String(Date.now() + NEGOTIATE_DAYS * 24 * 3600 * 1000));
    } catch {
      return; // nowhere to remember it: reloading would only fail again
    }
    reloadWhenTypingPauses();
  }

  class WatchedWebSocket extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      let opened = false;
      this.addEventListener('open', () => { opened = true; socketEverOpened = true; });
      this.addEventListener('close', () => { if (!opened) fallBackToNegotiation(); });
    }
  }

  const circuit = {
    reconnectionOptions: {
      maxRetries: 1000000,
      retryIntervalMilliseconds: (previousAttempts) => Math.min(1000 * (previousAttempts + 1), RETRY_MS),
    },
  };
  if (!mustNegotiate()) {
    circuit.configureSignalR = (builder) => {
      builder.withUrl('_blazor', { skipNegotiation: true, transport: WEBSOCKET, WebSocket: WatchedWebSocket });
    };
  }
  if (window.Blazor && typeof window.Blazor.start === 'function') {
    window.Blazor.start({ circuit });
  }
  let timer = null;

  async function serverAnswers() {
    try {
      const res = await fetch('health/live', { cache: 'no-store' });
      return res.ok;
    } catch {
      return false;
    }
  }

  async function reloadWhenServerAnswers() {
    if (await serverAnswers()) reloadWhenTypingPauses();
    else schedule(reloadWhenServerAnswers);
  }

  async function retry() {
    if (!(await serverAnswers())) {
      schedule(retry);
      return;
    }
    try {
      const ok = (await window.Blazor.reconnect()) || (await window.Blazor.resumeCircuit?.());
      if (!ok) reloadWhenTypingPauses();
    } catch {
      schedule(retry);
    }
  }

  function schedule(step) {
    clearTimeout(timer);
    timer = setTimeout(step, RETRY_MS);
  }

  document.addEventListener('components-reconnect-state-changed', (ev) => {
    const state = ev.detail && ev.detail.state;
    clearTimeout(timer);
    if (state === 'rejected') reloadWhenServerAnswers();
    else if (state === 'failed' || state === 'resume-failed') schedule(retry);
  }, true);

  document.addEventListener('click', (e) => {
    if (e.target.id === 'tpps-reconnect-retry') {
      clearTimeout(timer);
      retry();
    } else if (e.target.id === 'tpps-reconnect-reload') {
      location.reload();
    }
  });
})();
