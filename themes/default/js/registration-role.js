// Progressive enhancement: suggestions for the professional role as an accessible combobox
// (WAI-ARIA 1.2 pattern: a text box with a list box popup). Without JavaScript the
// <datalist> gives the suggestions; either way any text can be typed.

let instance = 0;

function style(el, rules) {
  // CSSOM properties are allowed by the Content Security Policy (style attributes are not).
  for (const [key, value] of Object.entries(rules)) el.style[key] = value;
}

function enhance(input) {
  const datalist = document.getElementById(input.getAttribute('list'));
  if (!datalist) return;
  const roles = [...datalist.options].map((o) => o.value).filter(Boolean);
  const id = `${input.id}-suggestions-${++instance}`;
  const label = document.querySelector(`label[for="${input.id}"]`);
  const messages = document.getElementById('role-suggestion-messages')?.dataset ?? {};

  input.removeAttribute('list');
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', id);
  input.setAttribute('autocomplete', 'off');

  const wrapper = document.createElement('div');
  style(wrapper, { position: 'relative' });
  input.parentNode.insertBefore(wrapper, input);
  wrapper.appendChild(input);

  const listbox = document.createElement('ul');
  listbox.id = id;
  listbox.setAttribute('role', 'listbox');
  if (label) listbox.setAttribute('aria-label', messages.label || label.textContent);
  listbox.hidden = true;
  style(listbox, {
    position: 'absolute', zIndex: '100', left: '0', right: '0', margin: '0', padding: '0', listStyle: 'none',
    background: '#ffffff', border: '2px solid #0b0c0c', borderTop: '0', maxHeight: '342px', overflowY: 'auto',
  });
  wrapper.appendChild(listbox);

  const status = document.createElement('div');
  status.className = 'govuk-visually-hidden';
  status.setAttribute('aria-live', 'polite');
  wrapper.appendChild(status);

  let options = [];
  let active = -1;

  function close() {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(index) {
    active = index;
    options.forEach((option, i) => {
      const on = i === index;
      option.setAttribute('aria-selected', String(on));
      style(option, { background: on ? '#1d70b8' : '#ffffff', color: on ? '#ffffff' : '#0b0c0c', outline: on ? '3px solid #ffdd00' : 'none' });
    });
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', options[index].id);
      options[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function choose(index) {
    input.value = options[index].textContent;
    close();
    input.focus();
  }

  /** Roles containing what was typed; those starting with it first. */
  function matches(text) {
    const typed = text.trim().toLowerCase();
    if (!typed) return [];
    const found = roles.filter((r) => r.toLowerCase().includes(typed) && r.toLowerCase() !== typed);
    return found.sort((a, b) => Number(!a.toLowerCase().startsWith(typed)) - Number(!b.toLowerCase().startsWith(typed)));
  }

  function announce(count) {
    const template = count === 1 ? messages.one : messages.other;
    status.textContent = count === 0 ? (messages.none || '') : (template || '{count}').replace('{count}', String(count));
  }

  function update() {
    const found = matches(input.value);
    listbox.replaceChildren();
    options = found.map((role, i) => {
      const option = document.createElement('li');
      option.id = `${id}-${i}`;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', 'false');
      option.className = 'govuk-body govuk-!-margin-0';
      option.textContent = role;
      style(option, { padding: '8px 10px', cursor: 'pointer', borderBottom: '1px solid #b1b4b6' });
      // Keep focus in the text box while choosing with a pointer.
      option.addEventListener('mousedown', (event) => event.preventDefault());
      option.addEventListener('click', () => choose(i));
      listbox.appendChild(option);
      return option;
    });
    active = -1;
    if (options.length) {
      listbox.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    } else {
      close();
    }
    announce(options.length);
  }

  input.addEventListener('input', update);
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      if (listbox.hidden) update();
      if (options.length) highlight((active + 1) % options.length);
      event.preventDefault();
    } else if (event.key === 'ArrowUp') {
      if (options.length) highlight(active <= 0 ? options.length - 1 : active - 1);
      event.preventDefault();
    } else if (event.key === 'Enter' && !listbox.hidden && active >= 0) {
      // Choosing a suggestion must not submit the form.
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape' && !listbox.hidden) {
      event.preventDefault();
      close();
    }
  });
}

document.querySelectorAll('input[data-role-combobox][list]').forEach(enhance);
