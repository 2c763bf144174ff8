import { DateTimeResolver, JSONObjectResolver, JSONResolver } from 'graphql-scalars';

import type { Resolvers } from '../src/generated/resolvers-types.js';

/** Custom scalars, all from graphql-scalars. */
export const scalarResolvers: Pick<Resolvers, 'DateTime' | 'JSON' | 'JSONObject'> = {
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
  JSONObject: JSONObjectResolver,
};
