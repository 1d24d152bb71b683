import { Field, InputType } from '@nestjs/graphql';

/** A key/value pair: resource tags, and encryption-context constraints of grants. */
@InputType()
export class TagInput {
  @Field() key!: string;
  @Field() value!: string;
}
