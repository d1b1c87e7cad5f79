import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { PrismaService } from '@tokenshift/db';
import type { FastifyReply } from 'fastify';
import { Public } from '@tokenshift/auth-core';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly prisma: PrismaService) {}

  /** 200 when the database answers, 503 otherwise; for load balancers and the README's first check. */
  @Get()
  @ApiOperation({ summary: 'Health check', description: '200 when the database answers, 503 otherwise.' })
  @ApiOkResponse({ description: 'Up' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const database = await this.prisma.health();
    const up = database.status === 'up';
    void reply.status(up ? 200 : 503);
    return { status: up ? 'ok' : 'unavailable', database };
  }
}
