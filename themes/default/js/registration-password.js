// Progressive enhancement: a live checklist of the council's password rules.
// The server always checks the same rules (src/accounts/passwords.ts brokenRules); this only helps while typing.

const count = (text, re) => (text.match(re) || []).length;

/** Whether `password` meets one rule, mirroring brokenRules() on the server. */
function meets(rule, password, email) {
  const n = Number(rule.dataset.count);
  switch (rule.dataset.rule) {
    case 'length': {
      const length = [...password].length;
      return length >= n && length <= Number(rule.dataset.max);
    }
    case 'digits':
      return count(password, /\p{Nd}/gu) >= n;
    case 'lower':
      return count(password, /\p{Ll}/gu) >= n;
    case 'upper':
      return count(password, /\p{Lu}/gu) >= n;
    case 'special':
      return count(password, /[^\p{L}\p{Nd}]/gu) >= n;
    case 'notEmail':
      return password.length > 0 && password.trim().toLowerCase() !== email.trim().toLowerCase();
    default:
      return false;
  }
}

function enhance(list) {
  const input = document.getElementById(list.dataset.for);
  if (!input) return;
  const email = list.dataset.emailField ? document.getElementById(list.dataset.emailField) : null;
  const status = document.querySelector(`[data-password-rules-status="${list.dataset.for}"]`);
  const rules = [...list.querySelectorAll('li[data-rule]')];
  list.classList.remove('govuk-list--bullet');

  // Each rule gets a word, not only a colour: "Met" or "Not yet".
  const tags = rules.map((rule) => {
    const tag = document.createElement('strong');
    tag.className = 'govuk-tag govuk-!-margin-right-2';
    rule.prepend(tag);
    return tag;
  });

  let lastMet = -1;
  let announceTimer;
  let ready = false;
  function update() {
    const password = input.value;
    let met = 0;
    rules.forEach((rule, i) => {
      const ok = password.length > 0 && meets(rule, password, email ? email.value : '');
      if (ok) met++;
      rule.dataset.met = String(ok);
      tags[i].textContent = ok ? list.dataset.metText : list.dataset.notMetText;
      tags[i].classList.toggle('govuk-tag--green', ok);
      tags[i].classList.toggle('govuk-tag--grey', !ok);
    });
    // Announced politely, once typing pauses, only when the number of rules met changes.
    if (!ready) {
      lastMet = met;
    } else if (status && met !== lastMet) {
      lastMet = met;
      clearTimeout(announceTimer);
      announceTimer = setTimeout(() => {
        status.textContent = list.dataset.summaryText.replace('{met}', String(met)).replace('{total}', String(rules.length));
      }, 600);
    }
  }
  input.addEventListener('input', update);
  if (email) email.addEventListener('input', update);
  // Nothing to announce before the person starts typing.
  update();
  ready = true;
}

document.querySelectorAll('[data-password-rules]').forEach(enhance);
