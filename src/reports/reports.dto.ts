import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { IsRequestTime } from '../bookings';
import { IsLocalDate } from '../common/request-dates';
import { GROUP_BY, GroupBy } from './utilization';

export class OccupancyQuery {
  @ApiPropertyOptional({ description: 'The instant to show; now when left out' })
  @IsOptional()
  @IsRequestTime()
  at?: string;
}

export class TimelineQuery {
  @ApiPropertyOptional({ description: 'Local date YYYY-MM-DD; today (local) when left out' })
  @IsOptional()
  @IsLocalDate()
  date?: string;
}

export class UtilizationQuery {
  @ApiPropertyOptional({
    description: 'Required for coordinators; admins may leave it out (network)',
  })
  @IsOptional()
  @IsString()
  centerId?: string;

  @ApiProperty({ example: '2026-12-01', description: 'First local date, inclusive' })
  @IsLocalDate()
  from: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last local date, inclusive' })
  @IsLocalDate()
  to: string;

  @ApiPropertyOptional({ enum: GROUP_BY, default: 'resource' })
  @IsOptional()
  @IsIn([...GROUP_BY])
  groupBy?: GroupBy;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'Or send Accept: text/csv' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
