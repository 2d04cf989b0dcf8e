import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { SHOWCASE_EMAIL } from '../../simulators/population/generate';
import { buildSubgraph } from '../../src/federation/subgraph';
import { startTestGateway } from '../helpers/gateway';
import type { TestGateway } from '../helpers/gateway';

/**
 * The schema as a Federation 2 subgraph: it composes into a supergraph with another team's
 * subgraph, and `_entities` resolves our entities by key through the same loaders and scopes.
 */

/** A small second subgraph that adds a field to our Person. */
const NOTES_SUBGRAPH = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Person @key(fields: "id") {
    id: ID!
    advisorNotes: [String!]!
  }
  type Query {
    notesHealth: String
  }
`);

const ENTITIES = `query E($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Person { id fullName sources { vendor } }
    ... on Policy { id policyNumber }
  }
}`;

interface Entities {
  _entities: ({
    __typename: string;
    id: string;
    fullName?: string;
    sources?: { vendor: string }[];
  } | null)[];
}

describe('the Federation 2 subgraph', () => {
  it('composes with another subgraph without errors', () => {
    const result = composeServices([
      {
        name: 'vendor-graph',
        url: 'http://127.0.0.1:4000/subgraph',
        typeDefs: parse(printSubgraphSchema(buildSubgraph())),
      },
      { name: 'advisor-notes', url: 'http://127.0.0.1:4001/graphql', typeDefs: NOTES_SUBGRAPH },
    ]);
    expect(result.errors).toBeUndefined();
    const supergraph = result.supergraphSdl ?? '';
    // Person is joined on its key across both subgraphs, with fields from each.
    expect(supergraph).toMatch(/type Person[^{]*@join__type\(graph: VENDOR_GRAPH, key: "id"\)/);
    expect(supergraph).toMatch(/type Person[^{]*@join__type\(graph: ADVISOR_NOTES, key: "id"\)/);
    expect(supergraph).toContain('advisorNotes: [String!]!');
    expect(supergraph).toContain('financialProfile');
    for (const type of ['Lead', 'CreditReport', 'Application', 'Policy'])
      expect(supergraph).toMatch(new RegExp(`type ${type}[^{]*key: "id"`));
  });

  describe('served at /subgraph', () => {
    let gw: TestGateway;

    beforeAll(async () => {
      gw = await startTestGateway({
        env: { SUBGRAPH: 'on' },
        sandboxes: { size: 40, rateLimits: { agencyZoom: null } },
      });
    });
    afterAll(() => gw.close());

    const post = async <T>(query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(`${gw.url}/subgraph`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return {
        status: response.status,
        body: (await response.json()) as {
          data?: T;
          errors?: { extensions?: Record<string, unknown> }[];
        },
      };
    };

    it('resolves a Person and a Policy by key, with the same IDs as /graphql', async () => {
      const found = await gw.query<{
        findPeople: {
          id: string;
          fullName: string;
          sources: { vendor: string }[];
          policies: { id: string; policyNumber: string }[];
        }[];
      }>(
        `{ findPeople(match: { email: "${SHOWCASE_EMAIL}" }) { id fullName sources { vendor } policies { id policyNumber } } }`,
      );
      const person = found.body.data?.findPeople[0];
      const policy = person?.policies[0];
      expect(person && policy).toBeTruthy();

      const { status, body } = await post<Entities>(ENTITIES, {
        representations: [
          { __typename: 'Person', id: person?.id },
          { __typename: 'Policy', id: policy?.id },
          { __typename: 'Person', id: 'UGVyc29uOm5vLXN1Y2g' },
        ],
      });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const [asPerson, asPolicy, missing] = body.data?._entities ?? [];
      expect(asPerson).toMatchObject({
        __typename: 'Person',
        id: person?.id,
        fullName: person?.fullName,
      });
      expect(asPerson?.sources).toEqual(person?.sources);
      expect(asPerson?.sources?.length).toBeGreaterThanOrEqual(4);
      expect(asPolicy).toMatchObject({
        __typename: 'Policy',
        id: policy?.id,
        policyNumber: policy?.policyNumber,
      });
      expect(missing).toBeNull();
    });

    it('serves its SDL with the entity keys', async () => {
      const { body } = await post<{ _service: { sdl: string } }>('{ _service { sdl } }');
      expect(body.data?._service.sdl).toMatch(
        /type Person implements Node[^{]*@key\(fields: "id"\)/,
      );
    });

    it('refuses more representations than one call may ask for', async () => {
      const representations = Array.from({ length: 101 }, () => ({
        __typename: 'Person',
        id: 'x',
      }));
      const { body } = await post<Entities>(
        'query E($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }',
        { representations },
      );
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('prices _entities like nodes(ids): many people at once is refused before any vendor call', async () => {
      const representations = Array.from({ length: 60 }, () => ({
        __typename: 'Person',
        id: 'UGVyc29uOm5vLXN1Y2g',
      }));
      const { body } = await post<Entities>(
        'query E($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { leads { id } policies { id } creditReports { id } } } }',
        { representations },
      );
      expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    });

    it('is not served unless SUBGRAPH=on', async () => {
      const plain = await startTestGateway();
      try {
        const response = await fetch(`${plain.url}/subgraph`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ _service { sdl } }"}',
        });
        expect(response.status).toBe(404);
      } finally {
        await plain.close();
      }
    });
  });
});
