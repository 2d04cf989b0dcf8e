import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { buildSchema } from '../src/schema';

/** GraphiQL's docs explorer is the frontend teams' manual: every type, field, argument and value is described. */
describe('the schema', () => {
  const schema = buildSchema();
  const ours = Object.values(schema.getTypeMap()).filter(
    (type) =>
      !type.name.startsWith('__') &&
      !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name),
  );

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of ours) {
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args)
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()))
          if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues())
          if (
            !value.description &&
            !['EQUIFAX', 'EXPERIAN', 'TRANSUNION'].includes(value.name) &&
            type.name !== 'ApplicationState'
          )
            missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps the contract names of ARCHITECTURE.md section 5', () => {
    const query = schema.getQueryType()?.getFields() ?? {};
    for (const name of [
      'node',
      'nodes',
      'person',
      'findPeople',
      'lead',
      'leads',
      'creditReport',
      'application',
      'applications',
      'policy',
      'vendors',
    ]) {
      expect(query).toHaveProperty(name);
    }
    const mutation = schema.getMutationType()?.getFields() ?? {};
    for (const name of ['createLead', 'transitionApplication', 'linkRecord', 'unlinkRecord'])
      expect(mutation).toHaveProperty(name);
    for (const type of ['Person', 'Lead', 'CreditReport', 'Application', 'Policy']) {
      expect(
        schema.getImplementations(schema.getType('Node') as never).objects.map((o) => o.name),
      ).toContain(type);
    }
    for (const scalar of ['Date', 'DateTime', 'EmailAddress', 'PhoneNumber'])
      expect(isScalarType(schema.getType(scalar))).toBe(true);
  });
});
