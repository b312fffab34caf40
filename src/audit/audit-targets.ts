import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AuditRepository } from '../audit-log';
import { BookingsRepository } from '../bookings';
import { CentersService, ClosuresService } from '../centers';
import { OrganizationsService, UsersService } from '../identity';
import { ResourcesService } from '../resources';
import { AuditEntryView } from './audit.dto';

/**
 * What an entry's target is called now, to write the entry in words: a booking or a session by
 * its title, resource and time; a resource, center, person or organization by name; a closure by
 * its dates. A target that no longer exists (a deleted closure) may have no name.
 */
export interface AuditTarget {
  name: string | null;
  /** A booking's or session's title (may be empty). */
  title?: string;
  /** A booking's first session or a session, as instants, and the center's zone. */
  startMs?: number;
  endMs?: number;
  zone?: string;
  /** A booking that repeats. */
  repeats?: boolean;
  /** A closure's local dates. */
  from?: string;
  to?: string;
}

/**
 * Reads the targets of audit entries the caller was already allowed to read (AuditService.list),
 * a few queries per page of entries whatever its length.
 */
@Injectable()
export class AuditTargets {
  constructor(
    private readonly repository: AuditRepository,
    private readonly bookings: BookingsRepository,
    private readonly centers: CentersService,
    private readonly closures: ClosuresService,
    private readonly resources: ResourcesService,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
  ) {}

  async describe(entries: AuditEntryView[]): Promise<Map<string, AuditTarget>> {
    const ids = (type: string) => [
      ...new Set(entries.filter((e) => e.targetType === type).map((e) => e.targetId)),
    ];
    const sessions = await this.bookings.sessionsByIds(ids('occurrence'));
    const bookings = await this.bookings.bookingsByIds([
      ...new Set([...ids('booking'), ...sessions.map((o) => o.bookingId)]),
    ]);
    const closures = await this.closures.byIds(ids('closure'));
    const [resources, centers, users, organizations, closureEntries] = await Promise.all([
      this.resources.findMany([
        ...new Set([...ids('resource'), ...bookings.map((b) => b.resourceId)]),
      ]),
      this.centers.findEntities([
        ...new Set([...ids('center'), ...bookings.map((b) => b.centerId)]),
      ]),
      this.users.entities(ids('user')),
      this.organizations.byIds(ids('organization')),
      this.repository.closureCreations(
        ids('closure').filter((id) => !closures.some((c) => c.id === id)),
      ),
    ]);
    const resourceName = new Map(resources.map((r) => [r.id, r.name]));
    const zoneOf = new Map(centers.map((c) => [c.id, c.timezone]));
    const bookingById = new Map(bookings.map((b) => [b.id, b]));
    const out = new Map<string, AuditTarget>();
    for (const booking of bookings) {
      const zone = zoneOf.get(booking.centerId) ?? 'UTC';
      out.set(booking.id, {
        name: resourceName.get(booking.resourceId) ?? null,
        title: booking.title,
        startMs: localMs(booking.startLocal, zone),
        endMs: localMs(booking.endLocal, zone),
        zone,
        repeats: booking.rule !== null,
      });
    }
    for (const session of sessions) {
      const booking = bookingById.get(session.bookingId);
      out.set(session.id, {
        name: booking ? (resourceName.get(booking.resourceId) ?? null) : null,
        title: booking?.title ?? '',
        startMs: session.startMs,
        endMs: session.endMs,
        zone: (booking && zoneOf.get(booking.centerId)) ?? 'UTC',
      });
    }
    for (const resource of resources) out.set(resource.id, { name: resource.name });
    for (const center of centers) out.set(center.id, { name: center.name });
    for (const user of users) out.set(user.id, { name: user.name });
    for (const organization of organizations) {
      out.set(organization.id, { name: organization.name });
    }
    for (const closure of closures) {
      out.set(closure.id, { name: closure.reason, from: closure.from, to: closure.to });
    }
    for (const entry of closureEntries) {
      const { from, to } = entry.details ?? {};
      if (typeof from === 'string' && typeof to === 'string') {
        out.set(entry.targetId, { name: null, from, to });
      }
    }
    return out;
  }
}

/** A booking's local wall-clock time ("2026-12-04T10:00") as an instant in its center's zone. */
function localMs(local: string, zone: string): number | undefined {
  const time = DateTime.fromISO(local, { zone });
  return time.isValid ? time.toMillis() : undefined;
}
