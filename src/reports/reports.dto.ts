import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IsRequestTime } from '../bookings/request-time.validators';
import { GROUP_BY, GroupBy } from './utilization';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_MESSAGE = 'must be a local date YYYY-MM-DD';

export class OccupancyQuery {
  @ApiPropertyOptional({ description: 'The instant to show; now when left out' })
  @IsOptional()
  @IsRequestTime()
  at?: string;
}

export class TimelineQuery {
  @ApiPropertyOptional({ description: 'Local date YYYY-MM-DD; today (local) when left out' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: `date ${LOCAL_DATE_MESSAGE}` })
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
  @Matches(LOCAL_DATE, { message: `from ${LOCAL_DATE_MESSAGE}` })
  from: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last local date, inclusive' })
  @Matches(LOCAL_DATE, { message: `to ${LOCAL_DATE_MESSAGE}` })
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
