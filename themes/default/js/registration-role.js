// Progressive enhancement: the council's role suggestions with GOV.UK's accessible-autocomplete
// (/assets/accessible-autocomplete/, loaded before this script). Without JavaScript the
// <datalist> gives the suggestions; either way any text can be typed and is what is sent.

function enhance(input) {
  const datalist = document.getElementById(input.getAttribute('list'));
  const autocomplete = window.accessibleAutocomplete;
  if (!datalist || typeof autocomplete !== 'function') return;
  const roles = [...datalist.options].map((o) => o.value).filter(Boolean);
  const texts = document.getElementById('role-suggestion-messages')?.dataset ?? {};
  const fill = (text, values) => Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), text || '');
  // The field's hint and error are read before the suggestions' own instructions.
  const described = (input.getAttribute('aria-describedby') || '')
    .split(/\s+/)
    .map((id) => document.getElementById(id)?.textContent.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

  const container = document.createElement('div');
  container.className = 'portal-autocomplete';
  input.parentNode.insertBefore(container, input);
  const { id, name, value } = input;
  const error = input.classList.contains('govuk-input--error');
  // Someone already typing keeps their place: the new text box takes the focus and what was typed.
  const typing = document.activeElement === input;
  input.remove();

  autocomplete({
    element: container,
    id,
    name,
    defaultValue: value,
    source: roles,
    minLength: 1,
    confirmOnBlur: false,
    showNoOptionsFound: false,
    inputClasses: error ? 'govuk-input--error' : null,
    menuAttributes: texts.label ? { 'aria-label': texts.label } : undefined,
    tAssistiveHint: () => [...described, texts.hint].filter(Boolean).join(' '),
    tStatusQueryTooShort: () => texts.tooShort || '',
    tStatusNoResults: () => texts.none || '',
    tStatusSelectedOption: (option, count, position) => fill(texts.selected, { option, position: position + 1, count }),
    tStatusResults: (count, selected) => `${fill(count === 1 ? texts.one : texts.other, { count })} ${selected || ''}`.trim(),
  });
  const enhanced = document.getElementById(id);
  if (enhanced && typing) {
    enhanced.focus();
    enhanced.setSelectionRange(enhanced.value.length, enhanced.value.length);
  }
}

document.querySelectorAll('input[data-role-combobox][list]').forEach(enhance);
