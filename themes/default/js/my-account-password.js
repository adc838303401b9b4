// Live password checklist: marks each of the council's rules as met while the
// new password is typed. The server checks the same rules; without this file
// the checklist is plain text.
const list = document.querySelector('[data-password-checklist]');
const input = document.getElementById('newPassword');

const count = (value, pattern) => (value.match(pattern) || []).length;
const checks = {
  length: (v, n, max) => [...v].length >= n && [...v].length <= max,
  digits: (v, n) => count(v, /\p{Nd}/gu) >= n,
  lower: (v, n) => count(v, /\p{Ll}/gu) >= n,
  upper: (v, n) => count(v, /\p{Lu}/gu) >= n,
  special: (v, n) => count(v, /[^\p{L}\p{Nd}]/gu) >= n,
  notEmail: (v) => v.length > 0 && v.trim().toLowerCase() !== (input.dataset.email || '').trim().toLowerCase(),
};

if (list && input) {
  const items = [...list.querySelectorAll('li[data-rule]')].map((li) => {
    const state = document.createElement('span');
    state.className = 'govuk-visually-hidden';
    li.append(state);
    return { li, state, rule: li.dataset.rule, n: Number(li.dataset.count), max: Number(li.dataset.max || Infinity) };
  });
  const update = () => {
    for (const item of items) {
      const check = checks[item.rule];
      const met = !!check && check(input.value, item.n, item.max);
      item.li.classList.toggle('portal-checklist__item--met', met);
      item.li.dataset.met = String(met);
      item.state.textContent = ` (${met ? list.dataset.met : list.dataset.notMet})`;
      const mark = item.li.querySelector('[data-mark]') || item.li.insertBefore(Object.assign(document.createElement('span'), { ariaHidden: 'true' }), item.li.firstChild);
      mark.dataset.mark = '';
      mark.textContent = met ? '✓ ' : '';
    }
  };
  input.addEventListener('input', update);
  update();
}
