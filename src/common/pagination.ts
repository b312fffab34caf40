import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PagingQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  // 1e21 passes @IsInt but reaches SQL as "1e+21"; beyond 2^53 - 1 no offset is exact anyway.
  @Max(Number.MAX_SAFE_INTEGER)
  offset: number = 0;
}

export interface Paged<T> {
  items: T[];
  total: number;
}
