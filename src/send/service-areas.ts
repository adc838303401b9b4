import type { ServiceName } from '../tenancy/schema.js';

/** The services a council may run, each an area of the portal behind its own tile. */
export interface ServiceArea {
  service: ServiceName;
  path: string;
  /** Locale key prefix: `<key>.title`, `<key>.description`. */
  key: string;
}

export const SERVICE_AREAS: ServiceArea[] = [
  { service: 'send', path: '/send', key: 'services.send' },
  { service: 'socialCare', path: '/social-care', key: 'services.socialCare' },
  { service: 'earlyHelp', path: '/early-help', key: 'services.earlyHelp' },
];
