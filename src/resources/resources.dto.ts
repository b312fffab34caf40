import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PagingQuery } from '../common/pagination';
import { RESOURCE_KINDS, ResourceKind } from './resource.entity';

const FEATURE = /^[a-z0-9_]{1,50}$/;

class ResourceFields {
  @ApiPropertyOptional({ description: 'People; required for rooms' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity?: number;

  @ApiPropertyOptional({ description: 'Units; required for equipment pools, 1 otherwise' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  quantity?: number;

  @ApiPropertyOptional({ type: [String], example: ['projector', 'wheelchair_accessible'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(FEATURE, { each: true, message: 'features must be lowercase words like screen_reader' })
  features?: string[];

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  requiresApproval?: boolean;

  @ApiPropertyOptional({ description: 'Default true for desks and computers, false otherwise' })
  @IsOptional()
  @IsBoolean()
  checkInRequired?: boolean;

  @ApiPropertyOptional({ default: 15 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  minDurationMinutes?: number;

  @ApiPropertyOptional({ default: 720 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  maxDurationMinutes?: number;

  @ApiPropertyOptional({ default: 0, description: 'Kept free after each booking' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1440)
  bufferMinutes?: number;
}

export class CreateResourceInput extends ResourceFields {
  @ApiProperty({ enum: RESOURCE_KINDS })
  @IsIn(RESOURCE_KINDS)
  kind: ResourceKind;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

export class UpdateResourceInput extends ResourceFields {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    description: 'Only true (reactivate); deactivate with DELETE, which checks future sessions',
  })
  @IsOptional()
  @IsIn([true], { message: 'active can only be set to true here; deactivate with DELETE' })
  active?: boolean;
}

function toBoolean({ value }: { value: unknown }): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

export class ResourceQuery extends PagingQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsIn(RESOURCE_KINDS)
  kind?: ResourceKind;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(FEATURE)
  feature?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;
}

export class DeactivateResourceQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  cancelFuture?: boolean;
}

export interface ResourceView {
  id: string;
  centerId: string;
  kind: ResourceKind;
  name: string;
  capacity: number | null;
  quantity: number;
  features: string[];
  requiresApproval: boolean;
  checkInRequired: boolean;
  minDurationMinutes: number;
  maxDurationMinutes: number;
  bufferMinutes: number;
  active: boolean;
  /** Staff only: the address the resource's QR code encodes. */
  checkInUrl?: string;
}
