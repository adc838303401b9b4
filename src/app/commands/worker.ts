// npm run worker: mail, scans, sweeps and schedules on the platform role (production runs one or more of these beside the web replicas).
import { startWorker } from '../worker.js';
import { startPlatformProcess } from './platform-process.js';

const { log, platform, registry, services } = await startPlatformProcess(
  'worker',
  'DATABASE_PLATFORM_URL is required: the worker runs on the platform role. (With the embedded database, `npm start` runs the worker itself.)',
);
const worker = startWorker({ ...services, db: { app: platform, platform } });
log.info({ tenants: registry.all().length }, 'worker is running');

async function stop(signal: string) {
  log.info({ signal }, 'stopping the worker');
  await worker.stop();
  await platform.destroy();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
