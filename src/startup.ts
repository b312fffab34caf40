import { INestApplication } from '@nestjs/common';
import { DEMO_LOGINS, DEMO_MEMBERS, DEMO_PASSWORD } from '../seeds/demo-data';
import { seedDemo } from '../seeds/demo';
import { CentersService } from './centers';
import { Clock } from './common/clock';
import { AppConfig } from './common/config';
import { UsersService } from './identity';
import { WriteTransactions } from './database';

/** Seeds an empty database with the demo (SEED=demo) and ensures the configured admin exists. */
export async function runStartupTasks(
  app: INestApplication,
  config: AppConfig,
  adminPasswordHashing?: Promise<string>,
): Promise<string[]> {
  const notes: string[] = [];
  if (config.seed === 'demo' && !(await app.get(CentersService).any())) {
    const written = await seedDemo(app.get(WriteTransactions), app.get(Clock).now());
    notes.push(
      `Loaded the demo data (${written.bookings} bookings around today). Demo logins ` +
        `(password "${DEMO_PASSWORD}", for the demo only): ` +
        DEMO_LOGINS.map((u) => `${u.email} (${u.role})`).join(', ') +
        `, and ${DEMO_MEMBERS.length} more members (firstname.lastname@makon.example).`,
    );
  }
  if (config.adminEmail && config.adminPassword) {
    await app
      .get(UsersService)
      .ensureAdmin(config.adminEmail, config.adminPassword, adminPasswordHashing);
    notes.push(`Admin account ${config.adminEmail} is ready.`);
  }
  return notes;
}
