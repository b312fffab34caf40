import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../access';
import { NotificationDelivery } from '../notifications';

interface Health {
  status: string;
  database: string;
  /**
   * The notification outbox: messages not yet delivered (events not fanned out and deliveries
   * pending or being sent), the oldest one's age, and deliveries that failed for good.
   */
  notifications?: { waiting: number; failed: number; oldestWaitingSeconds: number | null };
}

@ApiTags('health')
@Controller('api/v1/health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly delivery: NotificationDelivery,
  ) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    try {
      await this.dataSource.query('SELECT 1');
      const backlog = await this.delivery.backlog();
      return {
        status: 'ok',
        database: 'up',
        notifications: {
          waiting: backlog.waiting,
          failed: backlog.failed,
          oldestWaitingSeconds:
            backlog.oldestWaitingMs === null ? null : Math.floor(backlog.oldestWaitingMs / 1000),
        },
      };
    } catch {
      void reply.status(503);
      return { status: 'error', database: 'down' };
    }
  }
}
