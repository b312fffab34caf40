import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { LOCALES, Locale, ROLES, Role } from './user.entity';

export class LoginInput {
  @ApiProperty()
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export class CreateUserInput {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: 'Optional when a phone is given' })
  @ValidateIf((input: CreateUserInput) => input.email !== undefined || input.phone === undefined)
  @IsEmail({}, { message: 'email must be an email address (or give a phone instead)' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+998901234567' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,31}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ description: 'Users without a password cannot sign in themselves' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password?: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ type: [String], description: 'Centers a coordinator runs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  centerIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export interface UserView {
  id: string;
  email: string | null;
  phone: string | null;
  name: string;
  role: Role;
  locale: Locale;
  organizationId: string | null;
  centerIds: string[];
  active: boolean;
}
