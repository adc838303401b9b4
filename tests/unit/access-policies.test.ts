import { describe, expect, it } from 'vitest';
import { authorize, can, NotAllowed, type ResponseSubject, type UploadSubject } from '../../src/access/policies.js';
import type { Professional, Staff } from '../../src/access/actor.js';

const professional = (over: Partial<Professional> = {}): Professional => ({
  kind: 'professional',
  id: 'p-1',
  email: 'sam@school.example.org',
  title: null,
  forename: 'Sam',
  surname: 'Taylor',
  status: 'active',
  twoStep: false,
  ...over,
});
const staff = (over: Partial<Staff> = {}): Staff => ({
  kind: 'staff',
  id: 's-1',
  email: 'officer@council.example.gov.uk',
  title: null,
  forename: 'Casey',
  surname: 'Officer',
  status: 'active',
  roles: ['send-officer'],
  ...over,
});
const response = (over: Partial<ResponseSubject> = {}): ResponseSubject => ({ accountId: 'p-1', status: 'draft', editing: false, service: 'send', ...over });
const upload = (over: Partial<UploadSubject> = {}): UploadSubject => ({ ownerId: 'p-1', deleted: false, submitted: false, service: 'send', ...over });

describe('access policies', () => {
  it('lets only active professionals use the services (not those waiting for the council, not staff, not visitors)', () => {
    expect(can(professional(), 'useServices')).toBe(true);
    expect(can(professional({ status: 'awaiting_verification' }), 'useServices')).toBe(false);
    expect(can(staff(), 'useServices')).toBe(false);
    expect(can(undefined, 'useServices')).toBe(false);
  });

  it('gives a back office area only to active staff with its role', () => {
    expect(can(staff(), 'actAs', 'send-officer')).toBe(true);
    expect(can(staff(), 'actAs', 'council-admin')).toBe(false);
    expect(can(staff({ status: 'closed' }), 'actAs', 'send-officer')).toBe(false);
    expect(can(professional(), 'actAs', 'send-officer')).toBe(false);
  });

  it('lets the owner change a draft or an edit they started, and nobody change a submitted form otherwise', () => {
    expect(can(professional(), 'changeResponse', response())).toBe(true);
    expect(can(professional(), 'changeResponse', response({ status: 'submitted' }))).toBe(false);
    expect(can(professional(), 'changeResponse', response({ status: 'submitted', editing: true }))).toBe(true);
    expect(can(professional({ id: 'p-2' }), 'changeResponse', response())).toBe(false);
    expect(can(staff(), 'changeResponse', response())).toBe(false);
  });

  it("shows a form to its owner, and to the service's staff once submitted (never a draft, never another service's)", () => {
    expect(can(professional(), 'readResponse', response())).toBe(true);
    expect(can(staff(), 'readResponse', response())).toBe(false);
    expect(can(staff(), 'readResponse', response({ status: 'submitted' }))).toBe(true);
    expect(can(staff({ roles: ['early-help-intake'] }), 'readResponse', response({ status: 'submitted' }))).toBe(false);
    expect(can(staff({ roles: ['early-help-intake'] }), 'readResponse', response({ status: 'submitted', service: 'earlyHelp' }))).toBe(true);
  });

  it('lets the owner download a document still on the form, and staff one a submitted version lists', () => {
    expect(can(professional(), 'downloadUpload', upload())).toBe(true);
    expect(can(professional(), 'downloadUpload', upload({ deleted: true }))).toBe(false);
    expect(can(staff(), 'downloadUpload', upload())).toBe(false);
    expect(can(staff(), 'downloadUpload', upload({ submitted: true, deleted: true }))).toBe(true);
    expect(can(professional({ id: 'p-2' }), 'downloadUpload', upload({ submitted: true }))).toBe(false);
  });

  it("lets the service's active staff re-open or remove a document the council shared while it is shared; nobody else", () => {
    expect(can(staff(), 'handleCouncilDocument', { deleted: false, service: 'send' })).toBe(true);
    expect(can(staff(), 'handleCouncilDocument', { deleted: true, service: 'send' })).toBe(false);
    expect(can(staff({ roles: ['social-care-intake', 'council-admin'] }), 'handleCouncilDocument', { deleted: false, service: 'send' })).toBe(false);
    expect(can(staff({ status: 'closed' }), 'handleCouncilDocument', { deleted: false, service: 'send' })).toBe(false);
    expect(can(professional(), 'handleCouncilDocument', { deleted: false, service: 'send' })).toBe(false);
    expect(can(undefined, 'handleCouncilDocument', { deleted: false, service: 'send' })).toBe(false);
  });

  it('refuses with a 404 that says nothing, so a record that is not yours looks like one that does not exist', () => {
    expect(() => authorize(professional({ id: 'p-2' }), 'readMessage', { accountId: 'p-1' })).toThrow(NotAllowed);
    let refusal: unknown;
    try {
      authorize(undefined, 'readMessage', { accountId: 'p-1' });
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toMatchObject({ status: 404, expose: false });
    expect(() => authorize(professional(), 'readMessage', { accountId: 'p-1' })).not.toThrow();
  });
});
