import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ReportedFinding, ScanReport, SEVERITIES, Severity } from '@tokenshift/shared';

/** The largest value of PostgreSQL's `integer`, the column type of these counts. */
const MAX_INT = 2_147_483_647;

export class ScanFindingBody implements ReportedFinding {
  @MaxLength(200) @IsNotEmpty() @IsString() ruleId!: string;
  @IsIn([...SEVERITIES]) severity!: Severity;
  @MaxLength(1024) @IsNotEmpty() @IsString() file!: string;
  @Max(MAX_INT) @Min(1) @IsInt() line!: number;
  @Max(MAX_INT) @Min(1) @IsInt() column!: number;
  @IsOptional() @MaxLength(50) @IsString() language?: string;
  @MaxLength(2000) @IsString() message!: string;
  @IsOptional() @MaxLength(2000) @IsString() evidence?: string;
  @IsOptional() @MaxLength(4000) @IsString() replacement?: string;
  @IsOptional() @MaxLength(200) @IsString() fingerprint?: string;
}

/** A scanner run as `tokenshift-scan --report-to` posts it. */
export class ScanRunBody implements ScanReport {
  @MaxLength(200) @IsNotEmpty() @IsString() repo!: string;
  @IsOptional() @MaxLength(100) @IsString() commit?: string;
  @IsOptional() @MaxLength(255) @IsString() branch?: string;
  @IsISO8601({ strict: true }) scannedAt!: string;
  @IsOptional() @MaxLength(50) @IsString() scannerVersion?: string;
  @Max(MAX_INT) @Min(0) @IsInt() filesScanned!: number;
  @ArrayMaxSize(20_000) @ValidateNested({ each: true }) @Type(() => ScanFindingBody) @IsArray() findings!: ScanFindingBody[];
}
