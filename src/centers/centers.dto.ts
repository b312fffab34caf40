import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  ValidateIf,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsLocalDate } from '../common/request-dates';
import type { CenterPolicy, ClosureRule, OpeningHours } from '../scheduling';
import type { ClosureNames } from './closure.entity';

export class PolicyInput {
  @ApiPropertyOptional({ minimum: 1, maximum: 3650, default: 90 })
  @ValidateIf((_input: object, value: unknown) => value !== undefined)
  @IsInt()
  @Min(1)
  @Max(3650)
  maxAdvanceDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 366 })
  @ValidateIf((_input: object, value: unknown) => value !== undefined)
  @IsInt()
  @Min(1)
  @Max(1000)
  maxOccurrences?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440, default: 15 })
  @ValidateIf((_input: object, value: unknown) => value !== undefined)
  @IsInt()
  @Min(1)
  @Max(1440)
  checkInOpensMinutes?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440, default: 15 })
  @ValidateIf((_input: object, value: unknown) => value !== undefined)
  @IsInt()
  @Min(1)
  @Max(1440)
  checkInGraceMinutes?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440, default: 240 })
  @ValidateIf((_input: object, value: unknown) => value !== undefined)
  @IsInt()
  @Min(1)
  @Max(1440)
  walkInMaxMinutes?: number;
}

class CenterFields {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  city: string;

  @ApiProperty()
  @IsString()
  @MaxLength(100)
  region: string;

  @ApiPropertyOptional({ default: 'Asia/Tashkent' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @ApiPropertyOptional({
    example: { mon: [{ from: '09:00', to: '18:00' }], sun: [] },
    description: 'The whole week; a missing day is closed',
  })
  @IsOptional()
  @IsObject()
  openingHours?: OpeningHours;

  @ApiPropertyOptional({ type: PolicyInput })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PolicyInput)
  policy?: PolicyInput;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateCenterInput extends CenterFields {
  @ApiProperty({ example: 'tashkent' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, {
    message: 'slug must be 2-64 lowercase letters, digits or -',
  })
  slug: string;
}

export class UpdateCenterInput {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, {
    message: 'slug must be 2-64 lowercase letters, digits or -',
  })
  slug?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  city?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  openingHours?: OpeningHours;

  @ApiPropertyOptional({ type: PolicyInput })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PolicyInput)
  policy?: PolicyInput;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateClosureInput {
  @ApiProperty({ example: '2026-12-08' })
  @IsLocalDate()
  from: string;

  @ApiProperty({ example: '2026-12-08' })
  @IsLocalDate()
  to: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  reason: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  yearly?: boolean;
}

export interface CenterView {
  id: string;
  slug: string;
  name: string;
  city: string;
  region: string;
  timezone: string;
  address: string;
  openingHours: OpeningHours;
  policy: CenterPolicy;
  active: boolean;
}

export interface ClosureView extends ClosureRule {
  id: string;
  centerId: string;
  reason: string;
}

/** A closure with its names by language: what pages read; the API answers `ClosureView`. */
export interface NamedClosureView extends ClosureView {
  names: ClosureNames | null;
}

export interface AffectedSession {
  bookingId: string;
  occurrenceId: string;
  resourceId: string;
  title: string;
  start: string;
  end: string;
}
