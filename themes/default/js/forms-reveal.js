// Questions that depend on a choice sit under that option and are shown only while it is chosen.
// Without this file every such question is simply shown. (govuk-frontend's own reveal puts
// aria-expanded on radios and checkboxes, which is not allowed on those roles; this one does not.)
const inputs = [...document.querySelectorAll('input[data-reveal]')];

const sync = () => {
  for (const input of inputs) {
    const target = document.getElementById(input.dataset.reveal);
    if (!target) continue;
    const hidden = input.type === 'radio' ? 'govuk-radios__conditional--hidden' : 'govuk-checkboxes__conditional--hidden';
    target.classList.toggle(hidden, !input.checked);
  }
};

if (inputs.length) {
  document.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && (event.target.type === 'radio' || event.target.type === 'checkbox')) sync();
  });
  window.addEventListener('pageshow', sync);
  sync();
}
