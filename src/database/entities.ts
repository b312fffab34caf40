import { AuditEntryEntity } from '../audit-log/audit-entry.entity';
import {
  AllocationEntity,
  BookingEntity,
  IdempotencyKeyEntity,
  SessionEntity,
} from '../bookings/booking.entity';
import { CenterEntity } from '../centers/center.entity';
import { ClosureEntity } from '../centers/closure.entity';
import { OrganizationEntity, UserCenterEntity, UserEntity } from '../identity/user.entity';
import {
  DeliveryEntity,
  NotificationEntity,
  NotificationSettingsEntity,
} from '../notifications/notification.entity';
import { OutboxEntity } from '../outbox/outbox.entity';
import { ResourceEntity } from '../resources/resource.entity';

export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  UserCenterEntity,
  CenterEntity,
  ClosureEntity,
  ResourceEntity,
  BookingEntity,
  SessionEntity,
  AllocationEntity,
  IdempotencyKeyEntity,
  AuditEntryEntity,
  OutboxEntity,
  DeliveryEntity,
  NotificationEntity,
  NotificationSettingsEntity,
];
