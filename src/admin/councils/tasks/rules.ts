import { read, type FieldSpec, type Task } from './task.js';

const yesNo = [
  { value: 'yes', text: 'admin.console.yes' },
  { value: 'no', text: 'admin.console.no' },
];
const numberField = (name: string, label: string, hint?: string): FieldSpec => ({ kind: 'number', name, label, hint, width: '4' });

/** Registration: one page or three steps, email link or code, back-office verification, the roles to choose from. */
export const registrationTask: Task = {
  id: 'registration',
  fields: ['registration'],
  layout: () => [
    { kind: 'radios', name: 'steps', label: 'admin.console.tasks.registration.steps', options: [{ value: 'oneStep', text: 'admin.console.tasks.registration.oneStep' }, { value: 'threeStep', text: 'admin.console.tasks.registration.threeStep' }] },
    { kind: 'radios', name: 'confirmation', label: 'admin.console.tasks.registration.confirmation', options: [{ value: 'emailLink', text: 'admin.console.tasks.registration.emailLink' }, { value: 'emailCode', text: 'admin.console.tasks.registration.emailCode' }] },
    { kind: 'radios', name: 'backOfficeVerification', label: 'admin.console.tasks.registration.backOfficeVerification', options: yesNo },
    { kind: 'textarea', name: 'roles', label: 'admin.console.tasks.registration.roles', hint: 'admin.console.tasks.registration.rolesHint', rows: 8 },
  ],
  toForm: ({ draft }) => {
    const r = draft.registration;
    return { steps: r?.steps ?? '', confirmation: r?.confirmation ?? '', backOfficeVerification: r ? (r.backOfficeVerification ? 'yes' : 'no') : '', roles: (r?.roles ?? []).map((role) => (role.cy ? `${role.en} | ${role.cy}` : role.en)).join('\n') };
  },
  fromForm: (form) => {
    const steps = read.text(form, 'steps');
    const confirmation = read.text(form, 'confirmation');
    const verification = read.text(form, 'backOfficeVerification');
    const problems = [
      ...(steps === 'oneStep' || steps === 'threeStep' ? [] : [{ name: 'steps', message: 'admin.console.errors.choose' }]),
      ...(confirmation === 'emailLink' || confirmation === 'emailCode' ? [] : [{ name: 'confirmation', message: 'admin.console.errors.choose' }]),
      ...(verification === 'yes' || verification === 'no' ? [] : [{ name: 'backOfficeVerification', message: 'admin.console.errors.choose' }]),
    ];
    if (problems.length) return { values: {}, problems };
    return {
      values: {
        registration: {
          steps: steps === 'oneStep' ? 'oneStep' : 'threeStep',
          confirmation: confirmation === 'emailCode' ? 'emailCode' : 'emailLink',
          backOfficeVerification: verification === 'yes',
          // "English | Cymraeg": a role with its Welsh text.
          roles: read.lines(form, 'roles').map((line) => {
            const [en = '', cy] = line.split('|').map((part) => part.trim());
            return cy ? { en, cy } : { en };
          }),
        },
      },
      problems,
    };
  },
};

const SECOND_STEPS = ['off', 'optional', 'requiredForServices', 'always'] as const;

/** The sign-in second step (an emailed code) and how long a code lasts. */
export const signInTask: Task = {
  id: 'signIn',
  fields: ['signIn'],
  layout: () => [
    { kind: 'radios', name: 'secondStep', label: 'admin.console.tasks.signIn.secondStep', options: SECOND_STEPS.map((s) => ({ value: s, text: `admin.console.tasks.signIn.${s}` })) },
    numberField('codeLifetimeMinutes', 'admin.console.tasks.signIn.codeLifetimeMinutes', 'admin.console.tasks.signIn.codeLifetimeHint'),
  ],
  toForm: ({ draft }) => ({ secondStep: draft.signIn?.secondStep ?? '', codeLifetimeMinutes: String(draft.signIn?.codeLifetimeMinutes ?? 10) }),
  fromForm: (form) => {
    const secondStep = SECOND_STEPS.find((s) => s === read.text(form, 'secondStep'));
    if (!secondStep) return { values: {}, problems: [{ name: 'secondStep', message: 'admin.console.errors.choose' }] };
    return { values: { signIn: { secondStep, codeLifetimeMinutes: read.number(form, 'codeLifetimeMinutes') } }, problems: [] };
  },
};

const POLICY = ['minLength', 'maxLength', 'minDigits', 'minLower', 'minUpper', 'minSpecial'] as const;

/** The password policy professionals' passwords must meet. */
export const passwordsTask: Task = {
  id: 'passwords',
  fields: ['passwordPolicy'],
  layout: () => [...POLICY.map((p) => numberField(p, `admin.console.tasks.passwords.${p}`)), { kind: 'radios', name: 'notEqualToEmail', label: 'admin.console.tasks.passwords.notEqualToEmail', options: yesNo }],
  toForm: ({ draft }) => {
    const p = draft.passwordPolicy;
    return { ...Object.fromEntries(POLICY.map((k) => [k, p ? String(p[k]) : ''])), notEqualToEmail: p ? (p.notEqualToEmail ? 'yes' : 'no') : 'yes' };
  },
  fromForm: (form) => {
    const [minLength, maxLength, minDigits, minLower, minUpper, minSpecial] = POLICY.map((k) => read.number(form, k)) as [number, number, number, number, number, number];
    return { values: { passwordPolicy: { minLength, maxLength, minDigits, minLower, minUpper, minSpecial, notEqualToEmail: read.text(form, 'notEqualToEmail') !== 'no' } }, problems: [] };
  },
};

/** Idle timeout and how long drafts and submitted forms are kept. */
export const sessionTask: Task = {
  id: 'session',
  fields: ['session', 'retention'],
  layout: () => [
    numberField('idleTimeoutMinutes', 'admin.console.tasks.session.idleTimeoutMinutes', 'admin.console.tasks.session.idleTimeoutHint'),
    numberField('draftDays', 'admin.console.tasks.session.draftDays'),
    numberField('submittedListDays', 'admin.console.tasks.session.submittedListDays'),
  ],
  toForm: ({ draft }) => ({
    idleTimeoutMinutes: String(draft.session?.idleTimeoutMinutes ?? 20),
    draftDays: String(draft.retention?.draftDays ?? 30),
    submittedListDays: String(draft.retention?.submittedListDays ?? 30),
  }),
  fromForm: (form) => ({
    values: {
      session: { idleTimeoutMinutes: read.number(form, 'idleTimeoutMinutes') },
      retention: { draftDays: read.number(form, 'draftDays'), submittedListDays: read.number(form, 'submittedListDays') },
    },
    problems: [],
  }),
};
