// Small helpers called from Blazor components.
window.quantify = {
  // Marks the page once its Blazor circuit is interactive (used by browser tests and by CSS to reveal controls).
  markInteractive: () => document.body.setAttribute('data-interactive', 'true'),
};
