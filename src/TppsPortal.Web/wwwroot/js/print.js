// The print button of printable pages (Minutes/PrintLayout.razor).
document.getElementById('print-button')?.addEventListener('click', () => window.print());
// "Kembali" goes back in the history when there is one (a script, not a javascript: link, which the
// Content-Security-Policy forbids); its href is the fallback.
document.getElementById('print-back')?.addEventListener('click', (e) => {
    if (history.length > 1) {
        e.preventDefault();
        history.back();
    }
});
