// The self check-in page (Meetings/CheckInPage.razor): its signature pad, and a copy of what is typed.
// - A finger or a mouse draws on a canvas; every stroke updates the form's hidden field with the drawing as a PNG
//   data URL, so that a refused post gives the drawing back (the page draws the field's value again on load).
//   "Hapus tanda tangan" empties both.
// - Everything typed (and drawn) is copied to localStorage as it is typed. A post lost on a weak network leaves the
//   phone on an error page; going back, or scanning the QR code again (which opens a new tab, where sessionStorage
//   would be empty), fills the form from the copy. A page that says "Terima kasih" forgets it, and a copy older than
//   a day is ignored and removed (the link works on the meeting's day only).
(() => {
  'use strict';
  const KEY = 'tpps.checkin:' + location.pathname;
  const DAY_MS = 24 * 60 * 60 * 1000;
  const form = document.querySelector('form[method=post]');
  const forget = () => { try { localStorage.removeItem(KEY); } catch { /* private mode */ } };
  if (document.querySelector('[data-testid=checkin-done]')) {
    forget();
  } else if (form) {
    const fields = () => [...form.querySelectorAll('input[id], select[id]')].filter((f) => f.type !== 'submit' && !f.name.startsWith('__'));
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(KEY) || 'null'); } catch { saved = null; }
    if (saved && !(typeof saved.at === 'number' && Date.now() - saved.at < DAY_MS)) {
      saved = null;
      forget();
    }
    if (saved && saved.fields && fields().every((f) => !f.value)) {
      for (const f of fields()) {
        if (typeof saved.fields[f.id] === 'string') f.value = saved.fields[f.id];
      }
    }
    const keep = () => {
      const copy = {};
      for (const f of fields()) copy[f.id] = f.value;
      try { localStorage.setItem(KEY, JSON.stringify({ at: Date.now(), fields: copy })); } catch { /* full or private mode: the form still posts */ }
    };
    form.addEventListener('input', keep);
    form.addEventListener('change', keep);
    form.addEventListener('tpps-signed', keep);
  }
  for (const canvas of document.querySelectorAll('canvas[data-signature-for]')) {
    const field = document.getElementById(canvas.dataset.signatureFor);
    const clear = document.querySelector(`[data-signature-clear="${canvas.dataset.signatureFor}"]`);
    if (!field) continue;
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    const ctx = canvas.getContext('2d');
    let drawing = false;
    let drawn = false;

    function size() {
      const previous = field.value;
      canvas.width = Math.round(canvas.clientWidth * ratio);
      canvas.height = Math.round(canvas.clientHeight * ratio);
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.lineWidth = 2.5 * ratio;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = '#10243e';
      if (previous) {
        const img = new Image();
        img.onload = () => { ctx.drawImage(img, 0, 0, canvas.width, canvas.height); drawn = true; };
        img.src = previous;
      }
    }

    function point(e) {
      const r = canvas.getBoundingClientRect();
      return [(e.clientX - r.left) * ratio, (e.clientY - r.top) * ratio];
    }

    canvas.addEventListener('pointerdown', (e) => {
      drawing = true;
      canvas.setPointerCapture(e.pointerId);
      const [x, y] = point(e);
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + 0.1, y + 0.1);
      ctx.stroke();
      e.preventDefault();
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!drawing) return;
      const [x, y] = point(e);
      ctx.lineTo(x, y);
      ctx.stroke();
      e.preventDefault();
    });
    const end = () => {
      if (!drawing) return;
      drawing = false;
      drawn = true;
      field.value = canvas.toDataURL('image/png');
      field.dispatchEvent(new Event('tpps-signed', { bubbles: true }));
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
    clear?.addEventListener('click', () => {
      field.value = '';
      drawn = false;
      size();
      field.dispatchEvent(new Event('tpps-signed', { bubbles: true }));
    });
    size();
  }
})();
