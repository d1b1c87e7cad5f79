import { Controller, Get, Res } from '@nestjs/common';
import { Public } from '../auth/public.decorator';
import { PrismaService } from '@tokenshift/db';
import type { FastifyReply } from 'fastify';

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly prisma: PrismaService) {}

  /** 200 when the database answers, 503 otherwise; for load balancers and the README's first check. */
  @Get()
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const database = await this.prisma.health();
    const up = database.status === 'up';
    void reply.status(up ? 200 : 503);
    return { status: up ? 'ok' : 'unavailable', database };
  }
}
