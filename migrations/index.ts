import type { Knex } from 'knex';
import * as foundation from './20261126000100_foundation.js';
import * as accounts from './20261126000200_accounts.js';
import * as messages from './20261126000300_messages.js';
import * as send from './20261126000400_send.js';
import * as outboxOrder from './20261126000500_outbox_order.js';
import * as rolesAndUploads from './20261130000100_roles_and_uploads.js';
import * as platformAdministration from './20261201000100_platform_administration.js';
import * as councilDocuments from './20261201000200_council_documents.js';
import * as welshAddresses from './20261201000300_welsh_addresses.js';
import * as formsV2 from './20261201100000_forms_v2.js';
import * as platformRateLimits from './20261201200000_platform_rate_limits.js';
import * as personSearch from './20261202000100_person_search.js';
import * as outboxClaims from './20261202000200_outbox_claims.js';
import * as rlsOncePerStatement from './20261203000100_rls_once_per_statement.js';

/** Every migration in order. Listed here so they load the same under tsx, vitest and node. */
export const migrations: Record<string, Knex.Migration> = {
  '20261126000100_foundation': foundation,
  '20261126000200_accounts': accounts,
  '20261126000300_messages': messages,
  '20261126000400_send': send,
  '20261126000500_outbox_order': outboxOrder,
  '20261130000100_roles_and_uploads': rolesAndUploads,
  '20261201000100_platform_administration': platformAdministration,
  '20261201000200_council_documents': councilDocuments,
  '20261201000300_welsh_addresses': welshAddresses,
  '20261201100000_forms_v2': formsV2,
  '20261201200000_platform_rate_limits': platformRateLimits,
  '20261202000100_person_search': personSearch,
  '20261202000200_outbox_claims': outboxClaims,
  '20261203000100_rls_once_per_statement': rlsOncePerStatement,
};
