import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * GraphiQL served entirely by the gateway: the page, its script, stylesheet and editor workers
 * come from `@graphql-yoga/render-graphiql`'s bundle through our own routes, so it works with no
 * internet and loads nothing from a CDN.
 */

export const GRAPHIQL_ASSET_PREFIX = '/graphiql';

/** The mobile screen in one round trip: the showcase person across all five vendors. */
export const DEFAULT_QUERY = `# The combined view of one person across all five vendors, in one round trip.
# Press the run button (or Ctrl-Enter). Try another email from the sandboxes, or findPeople by phone.
query CombinedView($email: EmailAddress = "jordan.rivera@example.com") {
  findPeople(match: { email: $email }) {
    id
    fullName
    emails
    phones
    ssnLast4
    sources { vendor id }
    financialProfile {
      fico
      annualIncome { amount currency }
      monthlyDebtPayments { amount currency }
      debtToIncomeRatio
    }
    leads {
      vendor
      status
      vendorStatus { code label }
      createdAt
      estimatedDebt { amount currency }
      enrollment { active vendorStatus { label } currentDebt { amount currency } }
    }
    creditReports(latestPerBureau: true) {
      bureau
      reportDate
      score
      negativeItems { creditorName accountType status balance { amount currency } }
    }
    applications { productName state availableActions updatedAt }
    policies {
      policyNumber
      carrier { name }
      lineOfBusiness
      premium { amount currency }
      effectiveDate
      expirationDate
      status
    }
  }
  vendors { vendor state circuit remainingBudget }
}
`;

interface Asset {
  body: Buffer;
  gzip: Buffer;
  etag: string;
  contentType: string;
}

interface GraphiqlBundle {
  js: string;
  css: string;
  favicon: string;
  editorWorkerService: string;
  jsonWorker: string;
  graphqlWorker: string;
}

const WORKERS = { editorWorkerService: 'editor', json: 'json', graphql: 'graphql' } as const;

let assets: Map<string, Asset> | undefined;

function asset(text: string | Buffer, contentType: string): Asset {
  const body = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return {
    body,
    gzip: gzipSync(body),
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    contentType,
  };
}

/** Loads the bundle (about 9 MB) on first use, so processes that never serve GraphiQL never pay for it. */
function loadAssets(): Map<string, Asset> {
  if (assets) return assets;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose
  const bundle = require('@graphql-yoga/render-graphiql/graphiql') as GraphiqlBundle;
  const favicon = /^data:([^;]+);base64,(.*)$/.exec(bundle.favicon);
  assets = new Map([
    ['graphiql.js', asset(bundle.js, 'application/javascript; charset=utf-8')],
    ['graphiql.css', asset(bundle.css, 'text/css; charset=utf-8')],
    [
      'editor.worker.js',
      asset(bundle.editorWorkerService, 'application/javascript; charset=utf-8'),
    ],
    ['json.worker.js', asset(bundle.jsonWorker, 'application/javascript; charset=utf-8')],
    ['graphql.worker.js', asset(bundle.graphqlWorker, 'application/javascript; charset=utf-8')],
    [
      'favicon.ico',
      asset(Buffer.from(favicon?.[2] ?? '', 'base64'), favicon?.[1] ?? 'image/x-icon'),
    ],
  ]);
  return assets;
}

/** Escapes JSON for embedding inside an inline `<script>`. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

export interface GraphiqlPageOptions {
  /** The GraphQL endpoint path the page talks to. */
  endpoint: string;
  title?: string;
}

/** The GraphiQL HTML page: references only our own asset routes. */
export function renderGraphiqlPage({
  endpoint,
  title = 'Vendor Graph · GraphiQL',
}: GraphiqlPageOptions): string {
  const p = GRAPHIQL_ASSET_PREFIX;
  const workerUrls = Object.fromEntries(
    Object.entries(WORKERS).map(([label, file]) => [label, `${p}/${file}.worker.js`]),
  );
  const options = { endpoint, defaultQuery: DEFAULT_QUERY, title, method: 'POST' };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="icon" href="${p}/favicon.ico" />
    <link rel="stylesheet" href="${p}/graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    <div id="root"></div>
    <script>
      self.MonacoEnvironment = {
        globalAPI: false,
        getWorkerUrl: function (_moduleId, label) {
          var urls = ${scriptJson(workerUrls)};
          return urls[label] || urls.editorWorkerService;
        },
      };
    </script>
    <script src="${p}/graphiql.js"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${scriptJson(options)});
    </script>
  </body>
</html>
`;
}

function acceptsGzip(request: FastifyRequest): boolean {
  return /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
}

/** Registers the asset routes under `/graphiql/`. */
export function registerGraphiqlAssets(app: FastifyInstance): void {
  app.get<{ Params: { file: string } }>(
    `${GRAPHIQL_ASSET_PREFIX}/:file`,
    async (request, reply: FastifyReply) => {
      const found = loadAssets().get(request.params.file);
      if (!found) return reply.code(404).send({ error: 'not found' });
      void reply
        .header('content-type', found.contentType)
        .header('etag', found.etag)
        .header('cache-control', 'public, max-age=86400')
        .header('vary', 'accept-encoding');
      if (request.headers['if-none-match'] === found.etag) return reply.code(304).send();
      if (acceptsGzip(request)) return reply.header('content-encoding', 'gzip').send(found.gzip);
      return reply.send(found.body);
    },
  );
}
