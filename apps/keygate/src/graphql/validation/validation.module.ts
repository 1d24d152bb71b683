import { Module } from '@nestjs/common';
import { ValidationResolver } from './validation.resolver';

/** validatePolicy. */
@Module({ providers: [ValidationResolver] })
export class ValidationModule {}
