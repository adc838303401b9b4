// Autosave for form steps (progressive enhancement: "Save and continue" works without it).
// Posts what is typed in the background every 20 seconds when something changed, and when a
// field loses focus, so an idle sign-out never loses an answer. Each save renews the session,
// so it tells the timeout warning (timeout.js) to start its clock again.
const form = document.querySelector('form[data-autosave]');

if (form) {
  const url = form.dataset.autosave;
  const csrf = form.querySelector('input[name="_csrf"]').value;
  const status = form.querySelector('[data-autosave-status]');
  const snapshot = () => new URLSearchParams(new FormData(form)).toString();
  let last = snapshot();
  let saving = false;

  const save = async () => {
    const body = snapshot();
    if (saving || body === last) return;
    saving = true;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf },
        credentials: 'same-origin',
        body,
      });
      if (response.status === 204) {
        last = body;
        if (status) status.textContent = status.dataset.savedText;
        document.dispatchEvent(new Event('portal:activity'));
      }
    } catch {
      // Offline or signed out: "Save and continue" still saves everything.
    } finally {
      saving = false;
    }
  };

  window.setInterval(save, 20_000);
  form.addEventListener('focusout', (event) => {
    // Focus moving to one of the form's buttons means a submit is coming ("Answer for", the address
    // finder, Add, Remove…): it saves everything itself, and a background save must not overwrite it.
    const next = event.relatedTarget;
    if (next instanceof HTMLButtonElement && next.form === form) return;
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement) save();
  });
  // A real submit saves anyway: no background save may race it.
  form.addEventListener('submit', () => {
    last = snapshot();
    saving = true;
  });
}
