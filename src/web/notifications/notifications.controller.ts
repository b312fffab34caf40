import { Body, Get, Param, Post, Query } from '@nestjs/common';
import { SignedIn } from '../../access';
import { UsersService } from '../../identity';
import { REMINDER_MINUTES } from '../../notifications';
import { NotificationQuery } from '../../notifications';
import { NotificationsService } from '../../notifications';
import { field, fields, FormBody } from '../shared/form';
import type { WebContext } from '../shared/web-context';
import { Page, WebController } from '../shared/web-controller';
import { Redirect, WebResult } from '../shared/web-result';
import { actThenReturn } from '../member/notices';
import { renderNotifications, renderNotificationSettings } from './notifications.view';

/** The member's notifications page and notification settings (what the bell leads to). */
@WebController()
export class NotificationPagesController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
  ) {}

  @SignedIn()
  @Get('me/notifications')
  async list(@Page() ctx: WebContext): Promise<WebResult> {
    const query = Object.assign(new NotificationQuery(), { limit: 50, offset: 0 });
    return renderNotifications(ctx, await this.notifications.list(ctx.principal!, query));
  }

  @SignedIn()
  @Post('me/notifications/read-all')
  readAll(@Page() ctx: WebContext): Promise<WebResult> {
    return actThenReturn(undefined, '/me/notifications', 'read', () =>
      this.notifications.markAllRead(ctx.principal!),
    );
  }

  @SignedIn()
  @Post('me/notifications/:notificationId/read')
  read(@Page() ctx: WebContext, @Param('notificationId') id: string): Promise<WebResult> {
    return actThenReturn(undefined, '/me/notifications', 'read', () =>
      this.notifications.markRead(ctx.principal!, id),
    );
  }

  @SignedIn()
  @Get('me/notification-settings')
  async settings(@Page() ctx: WebContext, @Query() query: FormBody): Promise<WebResult> {
    const me = await this.users.me(ctx.principal!);
    return renderNotificationSettings(ctx, await this.notifications.settings(ctx.principal!.id), {
      hasEmail: !!me.email,
      saved: field(query, 'done') === 'saved',
    });
  }

  /** Unchecked boxes are not sent: an event not listed is off. An unknown value is ignored. */
  @SignedIn()
  @Post('me/notification-settings')
  async save(@Page() ctx: WebContext, @Body() form: FormBody): Promise<WebResult> {
    const current = await this.notifications.settings(ctx.principal!.id);
    const chosen = new Set(fields(form, 'events'));
    const minutes = Number(field(form, 'reminderMinutes'));
    const shown = Object.keys(current.events).filter(
      (e) =>
        e !== 'waitlist_booked' &&
        (ctx.principal!.role === 'coordinator' || e !== 'booking_pending'),
    );
    await this.notifications.updateSettings(ctx.principal!.id, {
      email: field(form, 'email') === 'on',
      reminderMinutes: (REMINDER_MINUTES as readonly number[]).includes(minutes)
        ? minutes
        : current.reminderMinutes,
      events: Object.fromEntries(shown.map((e) => [e, chosen.has(e)])),
    });
    return new Redirect('/me/notification-settings?done=saved');
  }
}
