import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MetricsTokenGuard } from './metrics-token.guard';
import { MetricsService } from './metrics.service';
import { Public } from '@tokenshift/auth-core';

/**
 * Prometheus scrape endpoint. User credentials are ignored (a scraper is not a user); when
 * METRICS_TOKEN is set the scraper must send it, otherwise the route is open (keep it on the
 * internal network) and shows no repository names.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public({ skipAuthentication: true })
  @UseGuards(MetricsTokenGuard)
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
