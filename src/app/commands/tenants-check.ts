// npm run tenants:check: every tenants/*/tenant.json, with the same checks as the console.
import { loadTenantFiles, TenantFileError } from '../../tenancy/load.js';
import { checkEnabledForms } from '../../admin/form-library.js';

try {
  const files = await loadTenantFiles(checkEnabledForms);
  console.log(`All ${files.length} tenant files are valid: ${files.map((f) => f.config.slug).join(', ')}`);
} catch (err) {
  if (err instanceof TenantFileError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
