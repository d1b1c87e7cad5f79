import { ApiProperty } from '@nestjs/swagger';
import { SEVERITIES, type RepoScans, type ScanRun, type Severities, type StoredFinding } from '@tokenshift/shared';
import { AUTO_FIXABLE_DESCRIPTION } from './scan-run.dto';

// The OpenAPI shapes of what the scan-runs API answers (the wire types live in libs/shared).

const AUTO_FIXABLE_COUNT = {
  type: Number,
  nullable: true,
  description: 'Findings `tokenshift-scan fix --write` clears in one step; null when the scanner did not say for every finding (older than the field)',
} as const;

export class StoredScanRunResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() findingCount!: number;
}

export class StoredFindingResponse implements StoredFinding {
  @ApiProperty() ruleId!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: StoredFinding['severity'];
  @ApiProperty() file!: string;
  @ApiProperty() line!: number;
  @ApiProperty() column!: number;
  @ApiProperty({ type: String, nullable: true }) language!: string | null;
  @ApiProperty() message!: string;
  @ApiProperty({ type: String, nullable: true }) evidence!: string | null;
  @ApiProperty({ type: String, nullable: true }) replacement!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: AUTO_FIXABLE_DESCRIPTION }) autoFixable!: boolean | null;
}

export class ScanRunResponse implements ScanRun<Date> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() repo!: string;
  @ApiProperty({ type: String, nullable: true }) commit!: string | null;
  @ApiProperty({ type: String, nullable: true }) branch!: string | null;
  @ApiProperty() scannedAt!: Date;
  @ApiProperty({ type: String, nullable: true }) scannerVersion!: string | null;
  @ApiProperty() filesScanned!: number;
  @ApiProperty() findingCount!: number;
  @ApiProperty(AUTO_FIXABLE_COUNT) autoFixableCount!: number | null;
  @ApiProperty({ type: [StoredFindingResponse] }) findings!: StoredFindingResponse[];
}

class SeveritiesResponse implements Severities {
  @ApiProperty() high!: number;
  @ApiProperty() medium!: number;
  @ApiProperty() low!: number;
  @ApiProperty() info!: number;
}

class LatestScanResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() scannedAt!: Date;
  @ApiProperty({ type: String, nullable: true }) commit!: string | null;
  @ApiProperty() findingCount!: number;
  @ApiProperty(AUTO_FIXABLE_COUNT) autoFixableCount!: number | null;
  @ApiProperty({ type: SeveritiesResponse }) bySeverity!: SeveritiesResponse;
}

class ScanPointResponse {
  @ApiProperty() scannedAt!: Date;
  @ApiProperty() findingCount!: number;
}

export class RepoScansResponse implements RepoScans<Date> {
  @ApiProperty() repo!: string;
  @ApiProperty({ type: LatestScanResponse, description: 'The most recent scan' }) latest!: LatestScanResponse;
  @ApiProperty({ type: [ScanPointResponse], description: 'Every scan, oldest first: the burn-down' }) history!: ScanPointResponse[];
}
