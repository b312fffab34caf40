import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, SignedIn } from '../access';
import {
  NotificationList,
  NotificationQuery,
  NotificationView,
  UpdateNotificationSettingsInput,
} from './notifications.dto';
import { NotificationsService } from './notifications.service';
import type { NotificationSettingsView } from './settings';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @SignedIn()
  @Get('notifications')
  list(
    @CurrentUser() caller: Principal,
    @Query() query: NotificationQuery,
  ): Promise<NotificationList> {
    return this.notifications.list(caller, query);
  }

  @SignedIn()
  @Post('notifications/read-all')
  @HttpCode(200)
  readAll(@CurrentUser() caller: Principal): Promise<{ read: number; unread: number }> {
    return this.notifications.markAllRead(caller);
  }

  @SignedIn()
  @Post('notifications/:notificationId/read')
  @HttpCode(200)
  read(
    @CurrentUser() caller: Principal,
    @Param('notificationId') id: string,
  ): Promise<NotificationView> {
    return this.notifications.markRead(caller, id);
  }

  @SignedIn()
  @Get('users/me/notification-settings')
  settings(@CurrentUser() caller: Principal): Promise<NotificationSettingsView> {
    return this.notifications.settings(caller.id);
  }

  @SignedIn()
  @Patch('users/me/notification-settings')
  updateSettings(
    @CurrentUser() caller: Principal,
    @Body() input: UpdateNotificationSettingsInput,
  ): Promise<NotificationSettingsView> {
    return this.notifications.updateSettings(caller.id, input);
  }
}
