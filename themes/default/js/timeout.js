// Warns before the idle sign-out (GOV.UK timeout warning pattern), lets the person stay
// signed in, and after a timeout brings them back to the same page once they sign in again.
const dialog = document.getElementById('timeout-warning');

if (dialog && typeof dialog.showModal === 'function') {
  const idleMs = Number(dialog.dataset.idleMinutes) * 60_000;
  const warnMs = Number(dialog.dataset.warnSeconds) * 1000;
  const countdown = dialog.querySelector('.portal-timeout__countdown');
  const csrf = dialog.querySelector('input[name="_csrf"]').value;
  let deadline = 0;
  let timer;

  const describe = (ms) => {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    if (seconds > 60) return dialog.dataset.countdownMinutes.replace('{{count}}', String(Math.ceil(seconds / 60)));
    // Announce whole tens of seconds only, so screen readers are not flooded.
    return dialog.dataset.countdownSeconds.replace('{{count}}', String(seconds > 20 ? Math.ceil(seconds / 10) * 10 : seconds));
  };

  // Time is up: end the session now and come back to this page after signing in again.
  const signedOut = () => {
    const form = dialog.querySelector('form');
    for (const [name, value] of [['timedOut', '1'], ['returnTo', window.location.pathname + window.location.search]]) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    form.submit();
  };

  const tick = () => {
    const left = deadline - Date.now();
    if (left <= 0) return signedOut();
    if (left <= warnMs) {
      if (!dialog.open) dialog.showModal();
      countdown.textContent = describe(left);
    }
    timer = window.setTimeout(tick, left <= warnMs ? 1000 : Math.min(left - warnMs, 30_000));
  };

  const restart = () => {
    deadline = Date.now() + idleMs;
    window.clearTimeout(timer);
    tick();
  };

  dialog.querySelector('[data-timeout-stay]').addEventListener('click', async () => {
    const response = await fetch('/session/keep-alive', { method: 'POST', headers: { 'x-csrf-token': csrf }, credentials: 'same-origin' });
    if (!response.ok) return signedOut();
    dialog.close();
    restart();
  });
  // Escape keeps the person signed in too: closing the warning is a sign of activity.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    dialog.querySelector('[data-timeout-stay]').click();
  });
  // Work saved in the background (autosave) renews the session too.
  document.addEventListener('portal:activity', restart);
  restart();
}
