import { postEditChild, showEditChild } from './edit-child.js';
import Router from '@koa/router';
import { serviceArea } from '../access/guards.js';
import { postAddChild, showAddChild } from './add-child.js';
import { confirmChild } from './confirm.js';
import type { FormsAboutChildren } from './deletion.js';
import { actOnPeople, confirmDeletion, deletePeople } from './person-actions.js';
import { selectPerson } from './select-person.js';

/**
 * The SEND home ("Select Person") and the professional's children: add one,
 * hide, unhide or delete records, and confirm a child before their progress page.
 */
export function peopleRoutes(deps: { forms: FormsAboutChildren }): Router {
  const router = new Router();
  const guard = serviceArea('send');
  router.get('/send', ...guard, selectPerson);
  router.post('/send/people', ...guard, actOnPeople(deps.forms));
  router.get('/send/people/delete', ...guard, confirmDeletion(deps.forms));
  router.post('/send/people/delete', ...guard, deletePeople(deps.forms));
  router.get('/send/children/new', ...guard, showAddChild);
  router.post('/send/children/new', ...guard, postAddChild);
  router.get('/send/children/:childId/confirm', ...guard, confirmChild);
  router.get('/send/children/:childId/edit', ...guard, showEditChild);
  router.post('/send/children/:childId/edit', ...guard, postEditChild);
  return router;
}
