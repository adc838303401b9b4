import type { ServiceName } from './schema.js';

/** The services a council may run, each an area of the portal behind its own tile on the signed-in home page. */
export interface ServiceArea {
  service: ServiceName;
  path: string;
  /** The area has its own module serving its home page (SEND: Select Person). */
  ownHome?: boolean;
  /** Locale key prefix: `<key>.title`, `<key>.description`. */
  key: string;
  /** Submitted forms arrive in the council's intake queue at /backoffice<path>. */
  intake?: boolean;
}

export const SERVICE_AREAS: ServiceArea[] = [
  { service: 'send', path: '/send', key: 'services.send', ownHome: true },
  { service: 'socialCare', path: '/social-care', key: 'services.socialCare', intake: true },
  { service: 'earlyHelp', path: '/early-help', key: 'services.earlyHelp', intake: true },
];

/** The back office page of a service's intake queue. */
export const intakePath = (area: ServiceArea) => `/backoffice${area.path}`;
