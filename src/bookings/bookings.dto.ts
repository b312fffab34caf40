import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PagingQuery } from '../common/pagination';
import { PURPOSES, Purpose } from './booking.entity';
import { IsLocalDate } from '../common/request-dates';
import { IsAfterField, IsRequestTime } from './request-time.validators';

export class RecurrenceInput {
  @ApiProperty({ example: 'FREQ=WEEKLY;COUNT=8' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  rule: string;

  @ApiPropertyOptional({ type: [String], example: ['2026-12-22'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsLocalDate({ each: true })
  exceptions?: string[];
}

export class EquipmentInput {
  @ApiProperty()
  @IsUUID('all')
  resourceId: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  quantity?: number;
}

export class CreateBookingInput {
  @ApiProperty()
  @IsUUID('all')
  resourceId: string;

  @ApiProperty({ example: '2026-12-01T14:00' })
  @IsRequestTime()
  start: string;

  @ApiProperty({ example: '2026-12-01T17:00' })
  @IsRequestTime()
  @IsAfterField('start')
  end: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: PURPOSES, default: 'work' })
  @IsOptional()
  @IsIn(PURPOSES)
  purpose?: Purpose;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  attendees?: number;

  @ApiPropertyOptional({ default: 1, description: 'Units, when resourceId is an equipment pool' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  quantity?: number;

  @ApiPropertyOptional({ type: RecurrenceInput })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RecurrenceInput)
  recurrence?: RecurrenceInput;

  @ApiPropertyOptional({ type: [EquipmentInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => EquipmentInput)
  equipment?: EquipmentInput[];

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  skipConflicts?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ description: 'Staff: book on behalf of this user' })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string | null;
}

export class UpdateBookingInput {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: PURPOSES })
  @IsOptional()
  @IsIn(PURPOSES)
  purpose?: Purpose;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  attendees?: number;

  @ApiPropertyOptional({
    description: 'New start of the first session; later sessions shift alike',
  })
  @IsOptional()
  @IsRequestTime()
  start?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsRequestTime()
  @IsAfterField('start')
  end?: string;
}

export class MoveOccurrenceInput {
  @ApiProperty()
  @IsRequestTime()
  start: string;

  @ApiProperty()
  @IsRequestTime()
  @IsAfterField('start')
  end: string;
}

export class RejectInput {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class CancelOccurrenceQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsIn(['this', 'following'])
  scope?: 'this' | 'following';
}

export class BookingQuery extends PagingQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsRequestTime()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsRequestTime()
  @IsAfterField('from')
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  centerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  resourceId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIn(['pending', 'confirmed', 'rejected', 'cancelled'])
  status?: string;
}

export class WindowQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsRequestTime()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsRequestTime()
  @IsAfterField('from')
  to?: string;
}

export class AvailabilityQuery {
  @ApiProperty()
  @IsRequestTime()
  start: string;

  @ApiProperty()
  @IsRequestTime()
  @IsAfterField('start')
  end: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIn(['desk', 'computer', 'room', 'equipment'])
  kind?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  minCapacity?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,50}$/)
  feature?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  quantity?: number;
}

export interface ConflictView {
  start: string;
  end: string;
  resourceId: string;
  reason: string;
  available?: number;
}

export interface SessionView {
  id: string | null;
  start: string;
  end: string;
  status: string;
  /** When the session was checked in (only once it was). */
  checkedInAt?: string;
  /** When the session was checked out (only once it was). */
  checkedOutAt?: string;
}

/** One session, as answered by the routes that move or cancel it. */
export interface ChangedSessionView extends SessionView {
  id: string;
  bookingId: string;
  /** The booking's status after the change (a member's move sends it back to `pending`…). */
  bookingStatus: string;
}

export interface BookingView {
  id: string | null;
  centerId: string;
  resourceId: string;
  ownerId: string;
  creatorId: string;
  title: string;
  purpose: Purpose;
  attendees: number | null;
  quantity: number;
  status: string;
  rejectionReason: string | null;
  recurrence: { rule: string; exceptions: string[] } | null;
  equipment: Array<{ resourceId: string; quantity: number }>;
  occurrences: SessionView[];
  skipped: ConflictView[];
}

/** A booking as the API answers it: for members and trainers, no other user's id (null). */
export type BookingAnswer = Omit<BookingView, 'ownerId' | 'creatorId'> & {
  ownerId: string | null;
  creatorId: string | null;
};
