// The edit journal: whatever a person types into a journaled form is written to this browser's localStorage the
// moment it is typed, and stays there until the server has acknowledged that very value. It is sent to the page's
// component as it is typed, sent again after a reconnect, a new circuit, a reload, a new tab or a server restart,
// and shown as "Belum terkirim (n)" until acknowledged. See docs/edit-journal.md.
//
// Markup (rendered by Components/Shared/JournalScope.razor and the form):
//   <div data-jpage="laporan/12/73.24.04" data-juser="...">           one journaled page of one user
//     <section data-jrec="73.24.04.2001" data-jbase="123">           one record and the version the page has of it
//       <input data-jf="Families">  or  <div data-jf="Comment"><textarea>...</textarea></div>
//     <span data-jcount></span>                                      "Belum terkirim (3)", kept by this script
// The script sets data-junsent on the page and on each record with unsent values, and data-joffline on the page
// while the connection is down; CSS shows and hides the honest status from those.
(() => {
  'use strict';
  const KEY = 'tpps.journal.v1';
  const RESEND_MS = 4000;
  let seq = 0;
  let offline = false;
  // page -> { ref, user, known: Map(rec -> version), autosave }. An autosave page (the camat form) gets every edit as it
  // is typed and acknowledges each; a draft page (the meeting editor, saved with a button) keeps a snapshot of its form
  // plus the fields typed since, gets them when it opens and after a reconnect, and clears them when it is saved.
  const attached = new Map();
  let lastFocus = null; // { page, rec, field, caret } of the journaled field last typed into
  let lastInput = null; // that field's element
  let lastTypedAt = 0;

  // ---------- storage ----------
  function load() {
    try {
      const all = JSON.parse(localStorage.getItem(KEY) || '[]');
      return Array.isArray(all) ? all : [];
    } catch {
      return [];
    }
  }
  function save(all) {
    try {
      localStorage.setItem(KEY, JSON.stringify(all));
      return true;
    } catch {
      return false; // quota or privacy mode: the page still works, it just cannot keep the value
    }
  }
  function newId() {
    // crypto.randomUUID needs a secure context; a district server on plain http inside an office does not have one.
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  function pending(page, user) {
    return load().filter((e) => e.page === page && e.user === user);
  }

  // ---------- typing ----------
  function scopeOf(el) {
    const fieldEl = el.closest('[data-jf]');
    const recEl = fieldEl && fieldEl.closest('[data-jrec]');
    const root = recEl && recEl.closest('[data-jpage]');
    if (!root || !root.dataset.juser) return null;
    return { root, recEl, page: root.dataset.jpage, user: root.dataset.juser, rec: recEl.dataset.jrec, field: fieldEl.dataset.jf };
  }

  function onInput(ev) {
    const el = ev.target;
    if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return;
    const s = scopeOf(el);
    if (!s) return;
    const all = load();
    const i = all.findIndex((e) => e.page === s.page && e.user === s.user && e.rec === s.rec && e.field === s.field);
    const att = attached.get(s.page);
    const known = att && att.known.has(s.rec) ? att.known.get(s.rec) : numberOrNull(s.recEl.dataset.jbase);
    // A field typed into again keeps the version it was first typed on (it may have been moved on by an answer since).
    // The unacknowledged edits of this record typed before it: the one of this field it replaces, and those of the
    // record's other fields, with the edits they replaced. One of them may have been stored with its answer lost
    // (the connection dropped between the save and its answer); the server then knows that the record's newer
    // version is this person's own, not someone else's, and puts this value on top of it.
    const before = all.filter((e) => e.page === s.page && e.user === s.user && e.rec === s.rec);
    const entry = {
      id: newId(), seq: Date.now() * 1000 + (seq++ % 1000), page: s.page, user: s.user, rec: s.rec, field: s.field,
      value: el.value, base: i >= 0 ? all[i].base : known, at: new Date().toISOString(),
      prev: [...new Set(before.flatMap((e) => [...(e.prev || []), e.id]))].slice(-50),
    };
    if (i >= 0) all.splice(i, 1);
    all.push(entry);
    save(all);
    lastFocus = { page: s.page, rec: s.rec, field: s.field, caret: el.selectionStart };
    lastInput = el;
    lastTypedAt = Date.now();
    marks(s.page);
    if (att && att.autosave) deliver(s.page, [entry]);
  }

  function numberOrNull(text) {
    if (text === undefined || text === null || text === '') return null;
    const n = Number(text);
    return Number.isFinite(n) ? n : null;
  }

  // ---------- delivery to the page's component ----------
  async function deliver(page, entries) {
    const att = attached.get(page);
    if (!att || entries.length === 0 || offline) return;
    try {
      await att.ref.invokeMethodAsync('ReceiveEdits', entries.map(toDotNet));
    } catch {
      // Not connected (or the circuit is gone): the entries stay in the journal and are sent again.
    }
  }
  function toDotNet(e) {
    return { id: e.id, seq: e.seq, rec: e.rec, field: e.field, value: e.value, base: e.base, prev: e.prev || [] };
  }
  function resendAll(includeDrafts) {
    for (const [page, att] of attached) {
      if (att.autosave || includeDrafts) deliver(page, pending(page, att.user));
    }
  }

  // A draft's snapshot path "Attendees[3].Position" read from the snapshot object.
  function at(obj, path) {
    let cur = obj;
    for (const part of path.split('.')) {
      const m = /^([^[\]]+)(?:\[(\d+)\])?$/.exec(part);
      if (!m || cur === null || typeof cur !== 'object') return undefined;
      cur = cur[m[1]];
      if (m[2] !== undefined) cur = Array.isArray(cur) ? cur[Number(m[2])] : undefined;
    }
    return cur;
  }

  // ---------- honest status ----------
  function marks(page) {
    const root = document.querySelector(`[data-jpage="${cssEscape(page)}"]`);
    if (!root) return;
    const mine = pending(page, root.dataset.juser);
    const recs = new Set(mine.map((e) => e.rec));
    root.querySelectorAll('[data-jrec]').forEach((r) => {
      if (recs.has(r.dataset.jrec)) r.setAttribute('data-junsent', '');
      else r.removeAttribute('data-junsent');
    });
    if (mine.length > 0) root.setAttribute('data-junsent', String(mine.length));
    else root.removeAttribute('data-junsent');
    if (offline) root.setAttribute('data-joffline', '');
    else root.removeAttribute('data-joffline');
    // The live page has attached: what is typed from now on is handed to it (tests wait for this before cutting).
    if (attached.has(page)) root.setAttribute('data-jlive', '');
    else root.removeAttribute('data-jlive');
    root.querySelectorAll('[data-jcount]').forEach((c) => {
      c.textContent = mine.length > 0 ? `Belum terkirim (${mine.length})` : '';
    });
  }
  function marksAll() {
    document.querySelectorAll('[data-jpage]').forEach((r) => marks(r.dataset.jpage));
  }
  function cssEscape(v) {
    return window.CSS && CSS.escape ? CSS.escape(v) : v.replace(/["\\]/g, '\\$&');
  }

  // Puts journaled values into the fields of a freshly rendered page (the prerendered fields were replaced, or the
  // page was reloaded), and the caret back where the person was typing.
  function fill(page, user) {
    const root = document.querySelector(`[data-jpage="${cssEscape(page)}"]`);
    if (!root) return;
    for (const e of pending(page, user)) {
      const recEl = root.querySelector(`[data-jrec="${cssEscape(e.rec)}"]`);
      const fieldEl = recEl && (recEl.matches(`[data-jf="${cssEscape(e.field)}"]`) ? recEl : recEl.querySelector(`[data-jf="${cssEscape(e.field)}"]`));
      const input = fieldEl && (fieldEl.matches('input,textarea') ? fieldEl : fieldEl.querySelector('input,textarea'));
      if (input && input.value !== e.value) input.value = e.value;
    }
    if (lastFocus && lastFocus.page === page && (document.activeElement === document.body || !document.activeElement)) {
      const recEl = root.querySelector(`[data-jrec="${cssEscape(lastFocus.rec)}"]`);
      const fieldEl = recEl && recEl.querySelector(`[data-jf="${cssEscape(lastFocus.field)}"]`);
      const input = fieldEl && (fieldEl.matches('input,textarea') ? fieldEl : fieldEl.querySelector('input,textarea'));
      if (input) {
        input.focus({ preventScroll: true });
        try { input.setSelectionRange(input.value.length, input.value.length); } catch { /* number inputs */ }
      }
    }
  }

  // When the live page replaces the prerendered one (or re-creates a field), the field being typed into is removed
  // and focus falls to the body: a key pressed before the component attaches (a round trip, long on long polling)
  // would reach nothing. A MutationObserver's callback runs before the next key event, so the journaled values and the
  // focus are back in the new field at once. (Seen in a test: "444" typed while the page went live was stored as "44".)
  new MutationObserver(() => {
    if (!lastInput || lastInput.isConnected || !lastFocus) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    const root = document.querySelector(`[data-jpage="${cssEscape(lastFocus.page)}"]`);
    if (!root || !root.dataset.juser) return;
    fill(lastFocus.page, root.dataset.juser);
    const now = document.activeElement;
    if (now instanceof HTMLInputElement || now instanceof HTMLTextAreaElement) lastInput = now;
  }).observe(document.documentElement, { childList: true, subtree: true });

  // After a navigation the page's heading takes the focus (Components/Shared/FocusHeadingOnNavigate.razor), as Blazor's
  // FocusOnNavigate does, but never from a field someone is typing in (a page turning interactive under their fingers).
  window.tppsFocusHeading = (selector) => {
    // Marks that the page's focus step has run (browser tests wait for it before they move the focus themselves).
    document.documentElement.dataset.navFocus = 'done';
    const active = document.activeElement;
    if (active && active !== document.body && active.matches('input, textarea, select, [contenteditable="true"]')) return;
    const heading = document.querySelector(selector);
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  };

  // Between the prerendered form's removal and the live form's first render with fields (the live page may first
  // render without them while it loads its data), there is no field at all: a key typed then would reach the body.
  // Within 3 s of typing, such a key goes to the journal as if typed into the field that was removed, and the
  // MutationObserver above puts it into the new field when it appears. (Seen under load: "444" stored as "44".)
  document.addEventListener('keydown', (ev) => {
    if (!lastInput || lastInput.isConnected || !lastFocus || Date.now() - lastTypedAt > 3000) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing || !scopeOf(lastInput)) return;
    if (ev.key.length === 1) lastInput.value += ev.key;
    else if (ev.key === 'Backspace') lastInput.value = lastInput.value.slice(0, -1);
    else return;
    ev.preventDefault();
    onInput({ target: lastInput });
  }, true);

  // ---------- the API the component calls ----------
  window.tppsJournal = {
    // The component is live: remember how to reach it and the versions it has, put unsent values back into the
    // fields, and hand them over (oldest first) so that they are sent again.
    attach(page, user, ref, versions, autosave) {
      const known = new Map(Object.entries(versions || {}));
      attached.set(page, { ref, user, known, autosave: autosave !== false });
      fill(page, user);
      marks(page);
      return pending(page, user).sort((a, b) => a.seq - b.seq).map(toDotNet);
    },
    detach(page) {
      attached.delete(page);
      marks(page);
    },
    // The server has this value: forget it (unless something newer was typed into the field since), and move the
    // versions of the record's other unsent values on, since they were typed on top of it.
    ack(page, rec, id, from, to) {
      const att = attached.get(page);
      if (att) att.known.set(rec, to);
      const all = load();
      const left = all.filter((e) => e.id !== id);
      for (const e of left) {
        if (e.page === page && e.rec === rec && (e.base === from || e.base === null)) e.base = to;
      }
      save(left);
      marks(page);
    },
    // The server will never take these (a conflict shown to the person, the form locked, or a record gone).
    drop(page, ids) {
      const set = new Set(ids);
      save(load().filter((e) => !(e.page === page && set.has(e.id))));
      marks(page);
    },
    // The page loaded a record afresh (after a conflict or an import): new values are typed on this version.
    version(page, rec, version) {
      const att = attached.get(page);
      if (att) att.known.set(rec, version);
    },
    count(page, user) {
      return pending(page, user).length;
    },
    // Everything the journal holds for the page, oldest first (a draft page reads it before saving).
    pending(page, user) {
      return pending(page, user).sort((a, b) => a.seq - b.seq).map(toDotNet);
    },
    // A draft page's form as the server has it in memory. Fields typed before it and already in it are forgotten;
    // after a change of the form's shape (a row added or removed: paths shift) every field typed before it is.
    keep(page, user, rec, field, value, shapeChanged) {
      const all = load();
      let snapshot = null;
      try { snapshot = JSON.parse(value); } catch { /* not JSON: keep the fields */ }
      const now = Date.now() * 1000 + (seq++ % 1000);
      const left = all.filter((e) => {
        if (e.page !== page || e.user !== user) return true;
        if (e.rec === rec && e.field === field) return false;
        if (snapshot === null || e.seq > now) return true;
        return !(shapeChanged || at(snapshot, e.field) === e.value);
      });
      left.push({ id: newId(), seq: now, page, user, rec, field, value, base: null, at: new Date().toISOString() });
      save(left);
      marks(page);
    },
    // A draft page was saved (or its draft thrown away): forget all of it.
    clear(page, user) {
      save(load().filter((e) => !(e.page === page && e.user === user)));
      marks(page);
    },
  };

  // ---------- the connection ----------
  function setOffline(value) {
    if (offline === value) return;
    offline = value;
    marksAll();
    if (!offline) resendAll(true);
  }
  document.addEventListener('components-reconnect-state-changed', (ev) => {
    const state = ev.detail && ev.detail.state;
    if (state === 'hide' || state === 'resume') setOffline(false);
    else if (state) setOffline(true);
  }, true);
  window.addEventListener('offline', () => setOffline(true));

  document.addEventListener('input', onInput, true);
  // Typed into the prerendered page before this script ran (a slow network): take it as if typed now.
  function takeTypedBeforeLoad() {
    document.querySelectorAll('[data-jpage] [data-jf]').forEach((f) => {
      const input = f.matches('input,textarea') ? f : f.querySelector('input,textarea');
      if (input && input.value !== input.defaultValue) onInput({ target: input });
    });
  }
  // Values whose answer never came (a save that failed on the server side, a lost message) are sent again.
  setInterval(() => {
    if (!offline && attached.size > 0) resendAll(false);
    marksAll();
  }, RESEND_MS);
  // A prerendered page already shows what is unsent, before the circuit is live.
  const ready = () => { takeTypedBeforeLoad(); marksAll(); };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
})();
