import { checkEnabledForms } from '../../forms/library.js';
import { loadTenantFiles, TenantFileError } from '../../tenancy/load.js';

try {
  const tenants = await loadTenantFiles((configs) => checkEnabledForms(configs));
  console.log(`All ${tenants.length} tenant files are valid: ${tenants.map((t) => t.slug).join(', ')}`);
} catch (err) {
  if (err instanceof TenantFileError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
