// Small helpers called from Blazor components.
window.quantify = {
  // Marks the page once its Blazor circuit is interactive (used by browser tests and by CSS to reveal controls).
  markInteractive: () => document.body.setAttribute('data-interactive', 'true'),
};

// Tables scroll inside themselves on a phone; a scrollable region must be reachable by keyboard (axe
// "scrollable-region-focusable", WCAG 2.1.1), so every table container can take focus and be scrolled with the arrow keys.
(() => {
  const focusable = root => {
    if (!root.querySelectorAll) return;
    if (root.matches && root.matches('.mud-table-container:not([tabindex])')) root.setAttribute('tabindex', '0');
    for (const el of root.querySelectorAll('.mud-table-container:not([tabindex])')) el.setAttribute('tabindex', '0');
  };
  const start = () => {
    focusable(document.body);
    new MutationObserver(changes => { for (const c of changes) for (const n of c.addedNodes) focusable(n); })
      .observe(document.body, { childList: true, subtree: true });
  };
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();
