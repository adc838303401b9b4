import { brandingTask } from './branding.js';
import { hostnamesTask, identityTask, languagesTask } from './identity.js';
import { passwordsTask, registrationTask, sessionTask, signInTask } from './rules.js';
import { sendTask } from './send.js';
import { servicesTask } from './services.js';
import type { Task } from './task.js';
import { contactTask, homeTask } from './texts.js';

/** The onboarding task list, in order. Together the tasks edit every field of the tenant schema. */
export const TASKS: Task[] = [identityTask, hostnamesTask, languagesTask, brandingTask, servicesTask, registrationTask, signInTask, passwordsTask, sessionTask, homeTask, contactTask, sendTask];

export const taskById = (id: string) => TASKS.find((t) => t.id === id);
