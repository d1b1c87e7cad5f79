import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { PrismaService } from '@tokenshift/db';
import type { FastifyReply } from 'fastify';
import { Public } from '@tokenshift/auth-core';
import { GracefulShutdown } from '../http/graceful-shutdown.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly shutdown: GracefulShutdown,
  ) {}

  /** 200 when the database answers, 503 otherwise or while draining before a shutdown; for load balancers and the README's first check. */
  @Get()
  @ApiOperation({ summary: 'Health check', description: '200 when the database answers; 503 when it does not, or while the server drains before stopping (`SHUTDOWN_DELAY_MS`).' })
  @ApiOkResponse({ description: 'Up' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer, or the server is draining before it stops' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    if (this.shutdown.draining) {
      void reply.status(503);
      return { status: 'draining' };
    }
    const database = await this.prisma.health();
    const up = database.status === 'up';
    void reply.status(up ? 200 : 503);
    return { status: up ? 'ok' : 'unavailable', database };
  }
}
