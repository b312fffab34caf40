import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { PagingQuery } from '../common/pagination';
import { NotificationEvent } from '../outbox';
import { REMINDER_MINUTES } from './notification.entity';

export class NotificationQuery extends PagingQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only the unread ones' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

export interface NotificationView {
  id: string;
  event: NotificationEvent;
  createdAt: string;
  readAt: string | null;
  title: string;
  body: string;
  bookingId?: string;
}

export interface NotificationList {
  items: NotificationView[];
  total: number;
  unread: number;
}

/** Which events a person hears of; an event not sent stays as it was. */
export class NotificationEventsInput {
  @IsOptional() @IsBoolean() booking_confirmed?: boolean;
  @IsOptional() @IsBoolean() booking_pending?: boolean;
  @IsOptional() @IsBoolean() booking_approved?: boolean;
  @IsOptional() @IsBoolean() booking_rejected?: boolean;
  @IsOptional() @IsBoolean() booking_cancelled_by_staff?: boolean;
  @IsOptional() @IsBoolean() session_reminder?: boolean;
  @IsOptional() @IsBoolean() no_show_released?: boolean;
  @IsOptional() @IsBoolean() closure_affects_you?: boolean;
  @IsOptional() @IsBoolean() waitlist_booked?: boolean;
}

export class UpdateNotificationSettingsInput {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  email?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  telegram?: boolean;

  @ApiPropertyOptional({ enum: REMINDER_MINUTES, description: 'Minutes before a session; 0: none' })
  @IsOptional()
  @IsIn(REMINDER_MINUTES)
  reminderMinutes?: number;

  @ApiPropertyOptional({ type: NotificationEventsInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => NotificationEventsInput)
  events?: NotificationEventsInput;
}
