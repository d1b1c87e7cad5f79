import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ReportedFinding, ScanReport, SEVERITIES, Severity } from '@tokenshift/shared';

/** The largest value of PostgreSQL's `integer`, the column type of these counts. */
const MAX_INT = 2_147_483_647;

export const AUTO_FIXABLE_DESCRIPTION =
  'true: `tokenshift-scan fix --write` rewrites it by itself; false: a person must change it (the scanner gives a manual note). ' +
  'Missing or null: unknown (a scanner older than the field); it is stored and served as null, never as false.';

export class ScanFindingBody implements ReportedFinding {
  @ApiProperty({ maxLength: 200, example: 'session-login-call' })
  @MaxLength(200) @IsNotEmpty() @IsString() ruleId!: string;
  @ApiProperty({ enum: SEVERITIES })
  @IsIn([...SEVERITIES]) severity!: Severity;
  @ApiProperty({ maxLength: 1024, description: 'Path relative to the scanned folder', example: 'src/jira.py' })
  @MaxLength(1024) @IsNotEmpty() @IsString() file!: string;
  @ApiProperty({ minimum: 1 })
  @Max(MAX_INT) @Min(1) @IsInt() line!: number;
  @ApiProperty({ minimum: 1 })
  @Max(MAX_INT) @Min(1) @IsInt() column!: number;
  @ApiPropertyOptional({ maxLength: 50, example: 'python' })
  @IsOptional() @MaxLength(50) @IsString() language?: string;
  @ApiProperty({ maxLength: 2000 })
  @MaxLength(2000) @IsString() message!: string;
  @ApiPropertyOptional({ maxLength: 2000, description: 'The code line, secrets redacted (the server redacts again)' })
  @IsOptional() @MaxLength(2000) @IsString() evidence?: string;
  @ApiPropertyOptional({ maxLength: 4000, description: 'What to write instead' })
  @IsOptional() @MaxLength(4000) @IsString() replacement?: string;
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional() @MaxLength(200) @IsString() fingerprint?: string;
  @ApiPropertyOptional({ type: Boolean, nullable: true, description: AUTO_FIXABLE_DESCRIPTION })
  @IsOptional() @IsBoolean() autoFixable?: boolean | null;
}

/** A scanner run as `tokenshift-scan --report-to` posts it. */
export class ScanRunBody implements ScanReport {
  @ApiProperty({ maxLength: 200, example: 'acme/billing' })
  @MaxLength(200) @IsNotEmpty() @IsString() repo!: string;
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional() @MaxLength(100) @IsString() commit?: string;
  @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional() @MaxLength(255) @IsString() branch?: string;
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }) scannedAt!: string;
  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional() @MaxLength(50) @IsString() scannerVersion?: string;
  @ApiProperty({ minimum: 0 })
  @Max(MAX_INT) @Min(0) @IsInt() filesScanned!: number;
  @ApiProperty({ type: [ScanFindingBody], maxItems: 20_000 })
  @ArrayMaxSize(20_000) @ValidateNested({ each: true }) @Type(() => ScanFindingBody) @IsArray() findings!: ScanFindingBody[];
}
