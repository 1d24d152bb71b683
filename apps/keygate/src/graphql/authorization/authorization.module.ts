import { Module } from '@nestjs/common';
import { AuthorizationResolver } from './authorization.resolver';

/** The authorize path (snapshots + engine) and the stateless simulator. */
@Module({ providers: [AuthorizationResolver] })
export class AuthorizationModule {}
