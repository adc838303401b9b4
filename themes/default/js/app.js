// Progressive enhancement only: every journey works without this file.
import { initAll } from '/assets/govuk/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();

// The menu under the person's name (a <details>): Escape closes it and returns to its summary.
for (const menu of document.querySelectorAll('.portal-account-menu')) {
  menu.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !menu.open) return;
    menu.open = false;
    menu.querySelector('summary')?.focus();
  });
}
