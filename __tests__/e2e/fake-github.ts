/**
 * A local stand-in for api.github.com: keeps issue comments in memory and checks EVERY request
 * (method, path, query, body) against GitHub's OpenAPI description from @octokit/openapi, so a
 * request GitHub would reject fails the test. Its own responses are checked against the same
 * description, so the action is tested against data shaped like GitHub's. (GraphQL is not in that
 * description: `POST /graphql` accepts only the viewer query stagegate sends, and says so otherwise.)
 *
 * Who the token is (`tokenKind`) decides what `GET /user` and the viewer query answer and whom
 * created comments are by. Faults are scripted with `inject`: an answer N times or for a while
 * (`forMs`), or no answer at all (`hang`), optionally after carrying the request out (`land`).
 * Every request is recorded with the time it arrived, so tests can check the waits between them.
 */
import { createRequire } from 'node:module';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => void;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonObject;
}

interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonObject }> } | { $ref: string };
  responses: Record<string, { content?: Record<string, { schema: JsonObject }> } | { $ref: string }>;
}

interface Route {
  template: string;
  regex: RegExp;
  names: string[];
  literalSegments: number;
  methods: Record<string, Operation>;
}

let spec: { paths: Record<string, Record<string, Operation>>; components: JsonObject } | undefined;
let routes: Route[] | undefined;

function loadSpec(): NonNullable<typeof spec> {
  if (!spec) {
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    spec = require(file) as NonNullable<typeof spec>;
  }
  return spec;
}

function loadRoutes(): Route[] {
  if (routes) return routes;
  const doc = loadSpec();
  routes = Object.entries(doc.paths).map(([template, methods]) => {
    const names: string[] = [];
    const pattern = template
      .split('/')
      .map((seg) => {
        const m = /^\{(.+)\}$/.exec(seg);
        if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1]);
        return '([^/]+)';
      })
      .join('/');
    return {
      template,
      regex: new RegExp(`^${pattern}$`),
      names,
      literalSegments: template.split('/').filter((s) => s && !s.startsWith('{')).length,
      methods,
    };
  });
  return routes;
}

/** Inlines local `$ref`s; a schema that refers to itself again is cut to `{}` (accept anything). */
function deref<T>(node: T, seen: string[] = []): T {
  if (Array.isArray(node)) return node.map((n) => deref(n, seen)) as T;
  if (!node || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  if (typeof obj.$ref === 'string') {
    const ref = obj.$ref;
    if (seen.includes(ref)) return {} as T;
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>(
        (acc, key) => (acc as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')],
        loadSpec(),
      );
    return deref(target as T, [...seen, ref]);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = deref(v, seen);
  return out as T;
}

const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: false, logger: false });
addFormats(ajv);
const coercing = new Ajv({ strict: false, allErrors: true, coerceTypes: 'array', logger: false });
addFormats(coercing);
const validators = new Map<string, ValidateFunction>();

function validator(key: string, schema: JsonObject, coerce: boolean): ValidateFunction {
  let v = validators.get(key);
  if (!v) {
    v = (coerce ? coercing : ajv).compile(schema);
    validators.set(key, v);
  }
  return v;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  operationId?: string;
  /** 0 while unanswered (and for ever, for a request the fake let hang). */
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface Injection {
  method: string;
  /** Matched against the path without the query. */
  path: RegExp;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** How many matching requests get this answer (default 1; ignored with `forMs`). */
  times?: number;
  /** Answer every matching request for this long after the first one matched ("5xx for 2 s"). */
  forMs?: number;
  /** Never answer (the socket stays open until the client gives up or the fake stops). */
  hang?: boolean;
  /** With `hang`: carry the request out first (a create that lands, but whose answer is lost). */
  land?: boolean;
  /** Set when the first request matched (for `forMs`). */
  firstAt?: number;
}

/**
 * The kinds of token, as GitHub answers for them: the workflow's GITHUB_TOKEN and a GitHub App
 * installation token are refused by `GET /user` (403); a personal access token is its user.
 */
export type TokenKind = 'github-token' | 'app' | 'pat';

export interface StoredComment {
  id: number;
  issueNumber: number;
  body: string;
  createdAt: string;
  updatedAt: string;
  user: string;
}

/** GitHub's limit on a comment body. */
const MAX_COMMENT_CHARS = 65_536;

/** Stable ids per login; github-actions[bot]'s is the real one. */
function userId(login: string): number {
  if (login === 'github-actions[bot]') return 41898282;
  let h = 7;
  for (const ch of login) h = (h * 31 + ch.charCodeAt(0)) % 9_000_000;
  return 100_000 + h;
}

function user(login: string, id: number): JsonObject {
  const api = 'https://api.github.com/users/' + encodeURIComponent(login);
  return {
    login,
    id,
    node_id: `MDQ6VXNlcj${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `https://github.com/${encodeURIComponent(login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    site_admin: false,
  };
}

/** A response that goes nowhere: for a request the fake carries out but never answers. */
function swallow(): ServerResponse {
  const sink = { writeHead: () => sink, end: () => sink, setHeader: () => sink };
  return sink as unknown as ServerResponse;
}

export class FakeGitHub {
  readonly comments: StoredComment[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Every way a request (or one of our responses) disagreed with the OpenAPI description. */
  readonly violations: string[] = [];
  readonly injections: Injection[] = [];
  /** Pull requests `GET /repos/{owner}/{repo}/pulls/{n}` answers for. */
  readonly pulls = new Map<number, { headSha: string; baseSha: string }>();
  /** Who the token is; see `login`. */
  tokenKind: TokenKind = 'github-token';
  /** The app's bot (`app`) or the user (`pat`); GITHUB_TOKEN is always github-actions[bot]. */
  tokenLogin = 'github-actions[bot]';
  /** Whether `POST /graphql` answers (GitHub Enterprise Server can have it off, a proxy can block it). */
  graphql = true;
  private readonly hanging = new Set<ServerResponse>();
  private nextId = 1000;
  private server?: Server;
  url = '';

  constructor(
    readonly repository: string,
    readonly token: string,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((err: unknown) => {
        this.violations.push(`fake server crashed: ${err instanceof Error ? err.stack : String(err)}`);
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.releaseHanging();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  reset(): void {
    this.releaseHanging();
    this.comments.length = 0;
    this.requests.length = 0;
    this.violations.length = 0;
    this.injections.length = 0;
    this.tokenKind = 'github-token';
    this.tokenLogin = 'github-actions[bot]';
    this.graphql = true;
  }

  /** Sets who the token is: `login` is the app's bot for `app`, the user for `pat`. */
  actAs(kind: TokenKind, login = 'github-actions[bot]'): void {
    this.tokenKind = kind;
    this.tokenLogin = kind === 'github-token' ? 'github-actions[bot]' : login;
  }

  /** Requests for one operation, in order of arrival. */
  requestsFor(operationId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.operationId === operationId);
  }

  private releaseHanging(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  /** Adds comments as other users would have written them (oldest first). */
  seed(issueNumber: number, bodies: string[], login = 'octocat'): StoredComment[] {
    return bodies.map((body) => this.addComment(issueNumber, body, login));
  }

  inject(injection: Injection): void {
    this.injections.push({ times: 1, ...injection });
  }

  commentsOn(issueNumber: number): StoredComment[] {
    return this.comments.filter((c) => c.issueNumber === issueNumber).sort((a, b) => a.id - b.id);
  }

  private addComment(issueNumber: number, body: string, login: string): StoredComment {
    const now = new Date(Date.UTC(2026, 0, 1) + this.nextId * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    const c = { id: this.nextId++, issueNumber, body, createdAt: now, updatedAt: now, user: login };
    this.comments.push(c);
    return c;
  }

  private commentJson(c: StoredComment): JsonObject {
    const html = `https://github.com/${this.repository}`;
    return {
      id: c.id,
      node_id: `IC_kwDO${c.id}`,
      url: `${this.url}/repos/${this.repository}/issues/comments/${c.id}`,
      html_url: `${html}/pull/${c.issueNumber}#issuecomment-${c.id}`,
      body: c.body,
      user: user(c.user, userId(c.user)),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      issue_url: `${this.url}/repos/${this.repository}/issues/${c.issueNumber}`,
      author_association: c.user === 'github-actions[bot]' ? 'NONE' : 'MEMBER',
    };
  }

  private async readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  private send(
    res: ServerResponse,
    rec: RecordedRequest,
    op: Operation | undefined,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    rec.status = status;
    if (op && status < 400) this.checkResponse(op, status, body);
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      ...headers,
    });
    res.end(text);
  }

  private checkResponse(op: Operation, status: number, body: unknown): void {
    const response = deref(op.responses[String(status)]);
    if (!response) {
      this.violations.push(`fake response: ${op.operationId} has no ${status} response in the description`);
      return;
    }
    const schema = (response as { content?: Record<string, { schema: JsonObject }> }).content?.[
      'application/json'
    ]?.schema;
    if (!schema) return;
    const v = validator(`response ${op.operationId} ${status}`, deref(schema), false);
    if (!v(body))
      this.violations.push(`fake response: ${op.operationId} ${status}: ${ajv.errorsText(v.errors)}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = (req.method ?? 'GET').toLowerCase();
    const query = Object.fromEntries(url.searchParams.entries());
    const raw = await this.readBody(req);
    const rec: RecordedRequest = {
      method: method.toUpperCase(),
      path: url.pathname,
      query,
      status: 0,
      at: Date.now(),
    };
    this.requests.push(rec);
    const fail = (message: string): void => {
      this.violations.push(`${rec.method} ${url.pathname}${url.search}: ${message}`);
    };

    if (url.pathname === '/graphql' && method === 'post') {
      rec.operationId = 'graphql';
      if (raw) rec.body = JSON.parse(raw) as unknown;
      const auth = req.headers.authorization ?? '';
      if (!/^(token|bearer) /i.test(auth) || auth.split(' ')[1] !== this.token)
        fail(`bad Authorization header '${auth}'`);
      this.graphqlAnswer(rec, res);
      return;
    }
    const candidates = loadRoutes()
      .map((r) => ({ r, m: r.regex.exec(url.pathname) }))
      .filter((x) => x.m && x.r.methods[method])
      .sort((a, b) => b.r.literalSegments - a.r.literalSegments);
    if (candidates.length === 0) {
      fail('no such operation in the OpenAPI description');
      this.send(res, rec, undefined, 404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
      });
      return;
    }
    const { r, m } = candidates[0];
    const op = deref(r.methods[method]);
    rec.operationId = op.operationId;

    const auth = req.headers.authorization ?? '';
    if (!/^(token|bearer) /i.test(auth) || auth.split(' ')[1] !== this.token)
      fail(`bad Authorization header '${auth}'`);

    // Parameters: path and query, typed as the description says (query strings are coerced as GitHub does).
    const params = (op.parameters ?? []) as Parameter[];
    const pathValues: Record<string, string> = {};
    r.names.forEach((name, i) => (pathValues[name] = decodeURIComponent(m![i + 1])));
    for (const p of params.filter((x) => x.in === 'path' || x.in === 'query')) {
      const value = p.in === 'path' ? pathValues[p.name] : query[p.name];
      if (value === undefined) {
        if (p.required) fail(`missing required ${p.in} parameter '${p.name}'`);
        continue;
      }
      if (!p.schema) continue;
      const v = validator(
        `param ${op.operationId} ${p.name}`,
        { type: 'object', properties: { v: p.schema } },
        true,
      );
      const holder = { v: value };
      if (!v(holder)) fail(`${p.in} parameter '${p.name}'='${value}': ${coercing.errorsText(v.errors)}`);
    }
    const declared = new Set(params.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of Object.keys(query))
      if (!declared.has(name)) fail(`undeclared query parameter '${name}'`);

    // Body.
    const requestBody = op.requestBody as
      { required?: boolean; content: Record<string, { schema: JsonObject }> } | undefined;
    let body: unknown;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        fail('body is not JSON');
      }
      rec.body = body;
    }
    if (requestBody) {
      const schema = requestBody.content['application/json']?.schema;
      if (body === undefined && requestBody.required) fail('missing required JSON body');
      else if (body !== undefined && schema) {
        if (!/application\/json/.test(req.headers['content-type'] ?? ''))
          fail(`content-type is '${req.headers['content-type']}'`);
        const v = validator(`body ${op.operationId}`, schema, false);
        if (!v(body)) fail(`body: ${ajv.errorsText(v.errors)}`);
      }
    } else if (body !== undefined) fail('a body was sent to an operation that takes none');

    // Scripted faults come after validation: a retried request must be valid too.
    const injection = this.takeInjection(rec.method, url.pathname);
    if (injection?.hang) {
      this.hanging.add(res);
      if (injection.land)
        this.route(op.operationId, pathValues, query, body as JsonObject, swallow(), rec, op);
      rec.status = 0;
      return;
    }
    if (injection) {
      this.send(res, rec, undefined, injection.status, injection.body, injection.headers);
      return;
    }

    const [owner, repo] = this.repository.split('/');
    if (pathValues.owner !== undefined && (pathValues.owner !== owner || pathValues.repo !== repo)) {
      this.send(res, rec, op, 404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
      });
      return;
    }
    this.route(op.operationId, pathValues, query, body as JsonObject | undefined, res, rec, op);
  }

  private takeInjection(method: string, path: string): Injection | undefined {
    const now = Date.now();
    const live = (i: Injection): boolean =>
      i.forMs !== undefined ? i.firstAt === undefined || now - i.firstAt < i.forMs : (i.times ?? 1) > 0;
    const injection = this.injections.find((i) => i.method === method && i.path.test(path) && live(i));
    if (!injection) return undefined;
    if (injection.forMs !== undefined) injection.firstAt ??= now;
    else injection.times = (injection.times ?? 1) - 1;
    return injection;
  }

  /** `POST /graphql`: only `query { viewer { login } }`, answered per token kind. */
  private graphqlAnswer(rec: RecordedRequest, res: ServerResponse): void {
    const injection = this.takeInjection('POST', '/graphql');
    if (injection) {
      if (injection.hang) return void this.hanging.add(res);
      return this.send(res, rec, undefined, injection.status, injection.body, injection.headers);
    }
    const query = (rec.body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string' || query.replace(/\s+/g, ' ').trim() !== 'query { viewer { login } }')
      this.violations.push(
        `POST /graphql: the fake answers only the viewer query, got ${JSON.stringify(rec.body)}`,
      );
    if (!this.graphql)
      return this.send(res, rec, undefined, 404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/graphql',
      });
    this.send(res, rec, undefined, 200, { data: { viewer: { login: this.tokenLogin } } });
  }

  /** `GET /user`: a user token's user; installation tokens (GITHUB_TOKEN included) are refused. */
  private authenticatedUser(res: ServerResponse, rec: RecordedRequest, op: Operation): void {
    if (this.tokenKind !== 'pat')
      return this.send(res, rec, undefined, 403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
        status: '403',
      });
    this.send(res, rec, op, 200, {
      ...user(this.tokenLogin, userId(this.tokenLogin)),
      name: null,
      company: null,
      blog: '',
      location: null,
      email: null,
      hireable: null,
      bio: null,
      public_repos: 1,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      user_view_type: 'public',
    });
  }

  private route(
    operationId: string,
    path: Record<string, string>,
    query: Record<string, string>,
    body: JsonObject | undefined,
    res: ServerResponse,
    rec: RecordedRequest,
    op: Operation,
  ): void {
    const notFound = (): void =>
      this.send(res, rec, undefined, 404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
      });
    const tooLong = (text: string): boolean => {
      if ([...text].length <= MAX_COMMENT_CHARS) return false;
      this.violations.push(`comment body of ${text.length} characters is over GitHub's ${MAX_COMMENT_CHARS}`);
      this.send(res, rec, undefined, 422, {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: 'body is too long (maximum is 65536 characters)',
          },
        ],
        documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      });
      return true;
    };
    switch (operationId) {
      case 'issues/list-comments': {
        const issue = Number(path.issue_number);
        const perPage = Math.min(Number(query.per_page ?? 30), 100);
        const page = Number(query.page ?? 1);
        const all = this.commentsOn(issue);
        const pages = Math.max(1, Math.ceil(all.length / perPage));
        const links: string[] = [];
        const pageUrl = (n: number): string =>
          `${this.url}/repos/${this.repository}/issues/${issue}/comments?per_page=${perPage}&page=${n}`;
        if (page < pages) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(pages)}>; rel="last"`);
        if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(page - 1)}>; rel="prev"`);
        const slice = all.slice((page - 1) * perPage, page * perPage).map((c) => this.commentJson(c));
        this.send(res, rec, op, 200, slice, links.length ? { link: links.join(', ') } : {});
        return;
      }
      case 'issues/create-comment': {
        const text = String(body?.body ?? '');
        if (tooLong(text)) return;
        const c = this.addComment(Number(path.issue_number), text, this.tokenLogin);
        this.send(res, rec, op, 201, this.commentJson(c), {
          location: `${this.url}/repos/${this.repository}/issues/comments/${c.id}`,
        });
        return;
      }
      case 'issues/update-comment': {
        const c = this.comments.find((x) => x.id === Number(path.comment_id));
        if (!c) return notFound();
        const text = String(body?.body ?? '');
        if (tooLong(text)) return;
        c.body = text;
        c.updatedAt = new Date(Date.parse(c.updatedAt) + 1000).toISOString().replace(/\.\d+Z$/, 'Z');
        this.send(res, rec, op, 200, this.commentJson(c));
        return;
      }
      case 'issues/delete-comment': {
        const i = this.comments.findIndex((x) => x.id === Number(path.comment_id));
        if (i < 0) return notFound();
        this.comments.splice(i, 1);
        rec.status = 204;
        res.writeHead(204).end();
        return;
      }
      case 'users/get-authenticated':
        return this.authenticatedUser(res, rec, op);
      case 'pulls/get': {
        const pr = this.pulls.get(Number(path.pull_number));
        if (!pr) return notFound();
        // Only the fields stagegate reads; the full object is large, so it is not checked.
        rec.status = 200;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(
          JSON.stringify({
            number: Number(path.pull_number),
            state: 'open',
            head: { sha: pr.headSha },
            base: { sha: pr.baseSha },
          }),
        );
        return;
      }
      default:
        this.violations.push(`the fake server does not implement ${operationId}`);
        this.send(res, rec, undefined, 501, { message: `fake: ${operationId} not implemented` });
    }
  }
}
