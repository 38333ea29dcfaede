// The print button of printable pages (Minutes/PrintLayout.razor).
document.getElementById('print-button')?.addEventListener('click', () => window.print());
