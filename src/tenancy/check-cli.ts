import { loadTenantFiles, TenantFileError } from './load.js';

try {
  const tenants = await loadTenantFiles();
  console.log(`All ${tenants.length} tenant files are valid: ${tenants.map((t) => t.slug).join(', ')}`);
} catch (err) {
  if (err instanceof TenantFileError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
