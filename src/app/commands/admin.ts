// npm run admin: the platform admin console on its own (production), on the platform role, serving ADMIN_HOST only.
import { listenForTenantChanges } from '../../tenancy/listener.js';
import { createAdminWebApp, listen } from '../web.js';
import { startPlatformProcess } from './platform-process.js';

const { config, log, platform, registry, services, platformUrl } = await startPlatformProcess(
  'admin',
  'DATABASE_PLATFORM_URL is required: the admin console runs on the platform role. (With the embedded database, `npm start` serves it itself.)',
);
const listener = await listenForTenantChanges(platformUrl, registry, platform, log);
const server = await listen(createAdminWebApp(services), config.PORT);
log.info({ port: config.PORT, host: config.ADMIN_HOST }, 'platform admin console is ready');

async function stop(signal: string) {
  log.info({ signal }, 'stopping the admin console');
  await server.close();
  await listener.stop();
  await platform.destroy();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
