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

  if (window.Blazor && typeof window.Blazor.start === 'function') {
    window.Blazor.start({
      circuit: {
        reconnectionOptions: {
          maxRetries: 1000000,
          retryIntervalMilliseconds: (previousAttempts) => Math.min(1000 * (previousAttempts + 1), RETRY_MS),
        },
      },
    });
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
    if (await serverAnswers()) location.reload();
    else schedule(reloadWhenServerAnswers);
  }

  async function retry() {
    if (!(await serverAnswers())) {
      schedule(retry);
      return;
    }
    try {
      const ok = (await window.Blazor.reconnect()) || (await window.Blazor.resumeCircuit?.());
      if (!ok) location.reload();
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
