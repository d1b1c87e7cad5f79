import { Controller, HttpCode, Post } from '@nestjs/common';

@Controller()
export class SessionGoneController {
  @Post('rest/auth/1/session')
  @HttpCode(410)
  login(): { message: string } {
    return { message: 'use an API token' };
  }
}
