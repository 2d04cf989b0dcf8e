import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import type { ValueNode } from 'graphql';
import { normalizeEmail, normalizeIsoDate, normalizePhone } from '../src/domain/normalize';

/**
 * Custom scalars. Inputs are validated and normalised here, before any resolver or vendor call;
 * a bad value is a `BAD_USER_INPUT` whose message never repeats the value (it may be personal).
 */

function scalar(
  name: string,
  description: string,
  parse: (value: string) => string | null,
  expected: string,
) {
  const reject = (): never => {
    throw new GraphQLError(`${name} must be ${expected}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  };
  const parseValue = (value: unknown): string =>
    typeof value === 'string' ? (parse(value) ?? reject()) : reject();
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => {
      if (typeof value !== 'string')
        throw new GraphQLError(`${name} cannot represent a non-string value`);
      return value;
    },
    parseValue,
    parseLiteral: (ast: ValueNode) => (ast.kind === Kind.STRING ? parseValue(ast.value) : reject()),
  });
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const scalars = {
  Date: scalar('Date', 'ISO 8601 calendar date', normalizeIsoDate, 'a calendar date as YYYY-MM-DD'),
  DateTime: scalar(
    'DateTime',
    'ISO 8601 date-time with offset',
    (v) => (ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)) ? v : null),
    'an ISO 8601 date-time with an offset',
  ),
  EmailAddress: scalar('EmailAddress', 'Email address', normalizeEmail, 'an email address'),
  PhoneNumber: scalar(
    'PhoneNumber',
    'E.164 phone number',
    normalizePhone,
    'a phone number in E.164 (+12125550100) or a US format such as (212) 555-0100',
  ),
};
