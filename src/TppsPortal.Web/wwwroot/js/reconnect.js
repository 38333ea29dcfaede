// Buttons of the Indonesian reconnect dialog (Components/Shared/ReconnectModal.razor).
document.addEventListener('click', async (e) => {
  if (e.target.id === 'tpps-reconnect-retry') {
    try {
      const ok = (await window.Blazor.resumeCircuit?.()) || (await window.Blazor.reconnect());
      if (!ok) location.reload();
    } catch { location.reload(); }
  } else if (e.target.id === 'tpps-reconnect-reload') {
    location.reload();
  }
});
