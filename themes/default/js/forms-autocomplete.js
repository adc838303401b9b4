// Progressive enhancement of long lists ("autocomplete" questions): GOV.UK's accessible-autocomplete
// turns each <select> into a text box that suggests the list's choices as you type. It keeps the
// <select> (hidden) and sets it, so the form posts exactly what it posts without JavaScript.
// The library (/assets/accessible-autocomplete/) is loaded only on pages with such a list.

const lists = [...document.querySelectorAll('[data-module="portal-autocomplete"]')];

const fill = (text, values) => Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), text || '');

function enhance(group) {
  const select = group.querySelector('select');
  if (!select) return;
  const texts = group.dataset;
  const choices = [...select.options].filter((o) => o.value);
  const chosen = choices.find((o) => o.selected);
  // The field's hint and error are read before the list's own instructions.
  const described = (select.getAttribute('aria-describedby') || '')
    .split(/\s+/)
    .map((id) => document.getElementById(id)?.textContent.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  window.accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    defaultValue: chosen ? chosen.text : '',
    showAllValues: true,
    minLength: 0,
    inputClasses: select.classList.contains('govuk-select--error') ? 'govuk-input--error' : null,
    // What the text box holds is what is posted: a choice from the list, or nothing.
    onConfirm: (text) => {
      const typed = text ?? document.getElementById(select.id.replace(/-select$/, ''))?.value ?? '';
      const match = choices.find((o) => o.text === typed);
      const value = match ? match.value : '';
      if (select.value !== value) {
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }
    },
    tAssistiveHint: () => [...described, texts.hint].filter(Boolean).join(' '),
    tNoResults: () => texts.noResults || '',
    tStatusQueryTooShort: () => texts.tooShort || '',
    tStatusNoResults: () => texts.noResults || '',
    tStatusSelectedOption: (option, count, position) => fill(texts.selected, { option, position: position + 1, count }),
    tStatusResults: (count, selected) => `${fill(count === 1 ? texts.one : texts.other, { count })} ${selected || ''}`.trim(),
  });
}

if (lists.length) {
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = '/assets/accessible-autocomplete/accessible-autocomplete.min.css';
  document.head.append(style);
  const script = document.createElement('script');
  script.src = '/assets/accessible-autocomplete/accessible-autocomplete.min.js';
  script.addEventListener('load', () => lists.forEach(enhance));
  document.head.append(script);
}
